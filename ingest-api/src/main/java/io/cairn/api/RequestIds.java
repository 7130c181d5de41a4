package io.cairn.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Every answer carries a non-empty {@code X-Request-Id}: the caller's own, when it is one a log can
 * hold safely (1 to {@value #MAX_LENGTH} visible ASCII characters), else a new UUID. Set by the
 * first handler, before any other can answer or fail, so errors, unknown routes and 401 challenges
 * carry it too (the failure handler removes only headers of the success that did not happen).
 */
public final class RequestIds {
  static final int MAX_LENGTH = 128;
  private static final String HEADER = "X-Request-Id";
  private static final String KEY = "cairn.request-id";

  private RequestIds() {}

  /** Mounts the handler that gives each request its id; must be the router's first. */
  public static void mount(Router router) {
    router.route().handler(RequestIds::assign);
  }

  /** This request's id (never empty). */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id != null ? id : assign(ctx.request().getHeader(HEADER));
  }

  private static void assign(RoutingContext ctx) {
    String id = assign(ctx.request().getHeader(HEADER));
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /** The caller's id if it is sane, else a fresh one. */
  static String assign(String offered) {
    return isSane(offered) ? offered : UUID.randomUUID().toString();
  }

  static boolean isSane(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    return id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}

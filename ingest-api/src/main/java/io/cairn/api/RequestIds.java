package io.cairn.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every answer carries a non-empty {@code X-Request-Id}: the caller's own, when it is one a log can
 * hold safely (1 to {@value #MAX_LENGTH} visible ASCII characters), else a new UUID. Set by the
 * first handler, before any other can answer or fail, so errors, unknown routes and 401 challenges
 * carry it too (the failure handler removes only headers of the success that did not happen).
 */
public final class RequestIds {
  static final int MAX_LENGTH = 128;
  private static final String HEADER = "X-Request-Id";

  private RequestIds() {}

  /** Mounts the handler that gives each request its id; must be the router's first. */
  public static void mount(Router router) {
    router.route().handler(RequestIds::assign);
  }

  private static void assign(RoutingContext ctx) {
    ctx.response().putHeader(HEADER, assign(ctx.request().getHeader(HEADER)));
    ctx.next();
  }

  /**
   * The caller's id if it is sane, else a fresh random (version 4) UUID. An id only tells requests
   * apart in logs, so it needs no secure randomness: {@code UUID.randomUUID()} would take a
   * SecureRandom, shared and locked, on every request.
   */
  static String assign(String offered) {
    if (isSane(offered)) {
      return offered;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }

  static boolean isSane(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    return id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}

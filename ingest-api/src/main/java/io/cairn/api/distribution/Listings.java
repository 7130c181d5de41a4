package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * end-8 ({@code /v2/<name>/tags/list}) and {@code /v2/_catalog}: lexical order, {@code n} and an
 * exclusive {@code last}, and a {@code Link: <…>; rel="next"} header while more remain.
 */
final class Listings {
  /** The page size when the client gives none, and the most it may ask for. */
  static final int DEFAULT_PAGE = 1000;

  static final int MAX_PAGE = 10_000;

  private final Backend backend;

  Listings(Backend backend) {
    this.backend = backend;
  }

  Future<Void> tags(RoutingContext ctx, V2Path path) {
    String repository = path.repository();
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(repository, Action.PULL))
        .compose(
            actor -> {
              int n = pageSize(ctx);
              String last = ctx.request().getParam("last");
              if (backend.view().repository(repository).isEmpty()) {
                throw OciErrorCode.NAME_UNKNOWN.exception(
                    "repository " + repository + " is not known");
              }
              List<String> page = backend.view().tags(repository, last, n + 1);
              String base = "/v2/" + repository + "/tags/list";
              JsonObject body = new JsonObject().put("name", repository);
              return send(ctx.response(), body, "tags", page, n, base);
            });
  }

  /** {@code path} is {@code /v2/_catalog}. */
  Future<Void> catalog(RoutingContext ctx, V2Path path) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.CATALOG)
        .compose(actor -> backend.authorizer().visibleProjects(ctx))
        .compose(
            visible -> {
              int n = pageSize(ctx);
              String last = ctx.request().getParam("last");
              List<String> page = visibleRepositories(visible, last, n + 1);
              return send(
                  ctx.response(), new JsonObject(), "repositories", page, n, "/v2/_catalog");
            });
  }

  /** Up to {@code limit} repositories after {@code last} in projects the caller may see. */
  private List<String> visibleRepositories(Predicate<String> visible, String last, int limit) {
    List<String> out = new ArrayList<>();
    String after = last;
    while (out.size() < limit) {
      List<String> batch = backend.view().repositories(after, Math.max(limit, 100));
      for (String repository : batch) {
        if (out.size() < limit && visible.test(repository.substring(0, repository.indexOf('/')))) {
          out.add(repository);
        }
      }
      if (batch.size() < Math.max(limit, 100)) {
        break;
      }
      after = batch.get(batch.size() - 1);
    }
    return out;
  }

  private static Future<Void> send(
      HttpServerResponse response,
      JsonObject body,
      String field,
      List<String> page,
      int n,
      String base) {
    List<String> shown = page.size() > n ? page.subList(0, n) : page;
    if (page.size() > n && n > 0) {
      String last = URLEncoder.encode(shown.get(n - 1), StandardCharsets.UTF_8);
      response.putHeader("Link", "<" + base + "?n=" + n + "&last=" + last + ">; rel=\"next\"");
    }
    body.put(field, new JsonArray(List.copyOf(shown)));
    return response.putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static int pageSize(RoutingContext ctx) {
    String n = ctx.request().getParam("n");
    if (n == null) {
      return DEFAULT_PAGE;
    }
    try {
      int value = Integer.parseInt(n);
      if (value < 0 || value > MAX_PAGE) {
        throw invalidPage(n);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalidPage(n);
    }
  }

  private static RuntimeException invalidPage(String n) {
    return OciErrorCode.PAGINATION_NUMBER_INVALID.exception(
        "n must be an integer from 0 to " + MAX_PAGE + ", got '" + n + "'");
  }
}

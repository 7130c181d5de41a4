package io.cairn.api.harbor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Harbor's success answers: 200 or 201 with no body, one JSON object, or a counted list. */
public final class HarborReply {
  private HarborReply() {}

  /** 200, no body: Harbor's answer to an update or delete. */
  public static Future<Void> ok(RoutingContext ctx) {
    return ctx.response().setStatusCode(200).putHeader("Content-Length", "0").end();
  }

  /** 201, no body, {@code Location} of what was created. */
  public static Future<Void> created(RoutingContext ctx, String location) {
    return ctx.response()
        .setStatusCode(201)
        .putHeader("Location", location)
        .putHeader("Content-Length", "0")
        .end();
  }

  public static Future<Void> json(RoutingContext ctx, JsonObject body) {
    return ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** A whole list, with its size in {@code X-Total-Count}. */
  public static Future<Void> list(RoutingContext ctx, JsonArray items) {
    return ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Total-Count", Integer.toString(items.size()))
        .end(items.encode());
  }
}

package io.cairn.api.harbor;

import io.cairn.oci.OciErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Management API request bodies: small JSON objects, with Harbor's 400 for anything else. */
public final class HarborBody {
  /** Generous for any management request; a larger body is a 413, read no further. */
  public static final int LIMIT = 64 * 1024;

  private HarborBody() {}

  /** Reads bodies of write requests under {@code /api/v2.0/}, bounded. */
  public static void mount(Router router) {
    BodyHandler bodies = BodyHandler.create().setBodyLimit(LIMIT).setHandleFileUploads(false);
    router.post("/api/v2.0/*").handler(bodies);
    router.put("/api/v2.0/*").handler(bodies);
    router.patch("/api/v2.0/*").handler(bodies);
  }

  /** The body as a JSON object, or a 400 saying what is wrong. */
  public static JsonObject object(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw OciErrorCode.BAD_REQUEST.exception("a JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw OciErrorCode.BAD_REQUEST.exception("the body is not a JSON object");
    }
  }

  /** A required string field. */
  public static String string(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof String value) || value.isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " is required and must be a string");
    }
    return value;
  }

  /** An optional string field, {@code null} when absent. */
  public static String optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be a string");
    }
    return (String) value;
  }
}

package io.cairn.api.schemaregistry;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.schemaregistry.SchemaRegistryError;
import io.cairn.schemaregistry.SchemaRegistryException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of the schema-registry routes: Confluent's {@code {"error_code":N,
 * "message":"..."}} with the HTTP status of the {@link SchemaRegistryError}. Only genuine store
 * failures and bugs are 5xx.
 */
final class ConfluentErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ConfluentErrors.class);

  private ConfluentErrors() {}

  static void handle(RoutingContext ctx) {
    SchemaRegistryException error = classify(ctx);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    JsonObject body =
        new JsonObject().put("error_code", error.error().code()).put("message", error.getMessage());
    response
        .setStatusCode(error.error().httpStatus())
        .putHeader("Content-Type", SchemaRegistryRoutes.MEDIA_TYPE)
        .end(body.encode());
  }

  private static SchemaRegistryException classify(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SchemaRegistryException known) {
        if (known.error().httpStatus() >= 500) {
          LOG.warn(
              "schema registry store failure on {}: {}", ctx.request().path(), known.getMessage());
        }
        return known;
      }
      if (t instanceof OciException refused && refused.code() == OciErrorCode.UNAUTHORIZED) {
        return SchemaRegistryError.UNAUTHORIZED.exception(refused.getMessage());
      }
      if (t instanceof OciException refused && refused.code() == OciErrorCode.DENIED) {
        return SchemaRegistryError.FORBIDDEN.exception(refused.getMessage());
      }
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 400 -> SchemaRegistryError.MALFORMED_REQUEST.exception("HTTP 400 Bad Request");
      case 404 -> SchemaRegistryError.NOT_FOUND.exception("HTTP 404 Not Found");
      case 405 -> SchemaRegistryError.METHOD_NOT_ALLOWED.exception("HTTP 405 Method Not Allowed");
      case 413 -> SchemaRegistryError.REQUEST_TOO_LARGE.exception("Request body too large");
      case 415 ->
          SchemaRegistryError.UNSUPPORTED_MEDIA_TYPE.exception("HTTP 415 Unsupported Media Type");
      default -> {
        LOG.error("unexpected schema registry failure on {}", ctx.request().path(), failure);
        yield SchemaRegistryError.INTERNAL_ERROR.exception("Internal Server Error");
      }
    };
  }
}

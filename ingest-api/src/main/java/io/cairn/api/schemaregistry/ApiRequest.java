package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistryError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * What an endpoint needs from a request, copied off the event loop's {@code RoutingContext} so the
 * endpoint can run on a worker thread: decoded path parameters and the body text.
 */
record ApiRequest(Map<String, String> pathParams, String body) {

  /** A decoded path parameter (Vert.x has already URL-decoded it). */
  String param(String name) {
    return pathParams.get(name);
  }

  /**
   * The body as a JSON object.
   *
   * @throws io.cairn.schemaregistry.SchemaRegistryException {@link
   *     SchemaRegistryError#MALFORMED_REQUEST} when it is missing or not a JSON object
   */
  JsonObject json() {
    if (body == null || body.isBlank()) {
      throw SchemaRegistryError.MALFORMED_REQUEST.exception("Request body is required");
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw SchemaRegistryError.MALFORMED_REQUEST.exception(
          "Request body is not a JSON object: " + e.getMessage());
    }
  }

  /** A string field of a JSON body; null when absent, a malformed request when not a string. */
  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw SchemaRegistryError.MALFORMED_REQUEST.exception(
          "Field '" + field + "' must be a string");
    }
    return (String) value;
  }
}

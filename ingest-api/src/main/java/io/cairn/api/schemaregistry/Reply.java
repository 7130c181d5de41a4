package io.cairn.api.schemaregistry;

import io.vertx.core.json.Json;

/**
 * What an endpoint answers on success: a status and a body that is already JSON text (Confluent's
 * raw-schema endpoint answers the schema itself, which is JSON).
 */
record Reply(int status, String json) {

  static Reply ok(Object jsonValue) {
    return new Reply(200, Json.encode(jsonValue));
  }

  static Reply raw(String json) {
    return new Reply(200, json);
  }
}

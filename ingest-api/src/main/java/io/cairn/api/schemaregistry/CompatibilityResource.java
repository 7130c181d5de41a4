package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.vertx.core.json.JsonObject;

/** Confluent's {@code POST /compatibility/subjects/{subject}/versions/{version}}. */
final class CompatibilityResource {
  private final SchemaRegistry registry;

  CompatibilityResource(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** {@code {"schema":"..."}} → {@code {"is_compatible":true}}. */
  Reply check(ApiRequest request) {
    int version = Versions.parse(request.param("version"));
    JsonObject body = request.json();
    SubjectsResource.requireAvro(body);
    boolean compatible =
        registry.isCompatible(request.param("subject"), version, ApiRequest.string(body, "schema"));
    return Reply.ok(new JsonObject().put("is_compatible", compatible));
  }
}

package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.CompatibilityLevel;
import io.cairn.schemaregistry.SchemaRegistry;
import io.vertx.core.json.JsonObject;

/**
 * Confluent's {@code /config} and {@code /config/{subject}}. A subject without its own level
 * answers the global one (as Confluent does with {@code defaultToGlobal=true}).
 */
final class ConfigResource {
  private final SchemaRegistry registry;

  ConfigResource(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** GET /config[/{subject}] → {@code {"compatibilityLevel":"BACKWARD"}}. */
  Reply get(ApiRequest request) {
    String level = registry.compatibility(request.param("subject"));
    return Reply.ok(new JsonObject().put("compatibilityLevel", level));
  }

  /** PUT /config[/{subject}] {@code {"compatibility":"FULL"}} → the same body back. */
  Reply put(ApiRequest request) {
    // Parsed here so the answer spells the level as stored (upper case).
    CompatibilityLevel level =
        CompatibilityLevel.parse(ApiRequest.string(request.json(), "compatibility"));
    registry.setCompatibility(request.param("subject"), level.name());
    return Reply.ok(new JsonObject().put("compatibility", level.name()));
  }
}

package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistryError;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Confluent's {@code /schemas/ids/{id}}: the schema behind a global id. */
final class SchemasResource {
  private final SchemaRegistry registry;

  SchemasResource(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** GET /schemas/ids/{id} → {@code {"schema":"..."}}; extra query parameters are ignored. */
  Reply byId(ApiRequest request) {
    String id = request.param("id");
    return parseId(id)
        .flatMap(registry::schemaById)
        .map(schema -> Reply.ok(new JsonObject().put("schema", schema)))
        .orElseThrow(
            () -> SchemaRegistryError.SCHEMA_NOT_FOUND.exception("Schema " + id + " not found"));
  }

  private static Optional<Integer> parseId(String id) {
    try {
      return Optional.of(Integer.parseInt(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

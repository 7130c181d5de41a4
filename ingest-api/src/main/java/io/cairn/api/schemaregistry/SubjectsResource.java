package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistryError;
import io.cairn.schemaregistry.SchemaRules;
import io.cairn.schemaregistry.SchemaVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Confluent's {@code /subjects} endpoints. Each method runs on a worker thread. */
final class SubjectsResource {
  private final SchemaRegistry registry;

  SubjectsResource(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** GET /subjects → {@code ["a","b"]}. */
  Reply list(ApiRequest request) {
    return Reply.ok(new JsonArray(registry.subjects()));
  }

  /** GET /subjects/{subject}/versions → {@code [1,2]}. */
  Reply versions(ApiRequest request) {
    String subject = request.param("subject");
    var versions = registry.versions(subject);
    if (versions.isEmpty()) {
      throw SchemaRules.subjectNotFound(subject);
    }
    return Reply.ok(new JsonArray(versions));
  }

  /** GET /subjects/{subject}/versions/{version} → {@code {subject, version, id, schema}}. */
  Reply version(ApiRequest request) {
    SchemaVersion found = find(request.param("subject"), request.param("version"));
    return Reply.ok(
        new JsonObject()
            .put("subject", found.subject())
            .put("version", found.version())
            .put("id", found.id())
            .put("schema", found.schema()));
  }

  /** GET /subjects/{subject}/versions/{version}/schema → the schema itself. */
  Reply rawSchema(ApiRequest request) {
    return Reply.raw(find(request.param("subject"), request.param("version")).schema());
  }

  private SchemaVersion find(String subject, String versionSegment) {
    int version = Versions.parse(versionSegment);
    Optional<SchemaVersion> found =
        version == SchemaRegistry.LATEST
            ? registry.latest(subject)
            : registry.version(subject, version);
    if (found.isPresent()) {
      return found.get();
    }
    throw registry.versions(subject).isEmpty()
        ? SchemaRules.subjectNotFound(subject)
        : SchemaRules.versionNotFound(subject, version);
  }

  /**
   * POST /subjects/{subject}/versions {@code {"schema":"...","schemaType":"AVRO"}} → {@code
   * {"id":N}}.
   */
  Reply register(ApiRequest request) {
    JsonObject body = request.json();
    requireAvro(body);
    int id = registry.register(request.param("subject"), ApiRequest.string(body, "schema"));
    return Reply.ok(new JsonObject().put("id", id));
  }

  /** Cairn's registry speaks Avro only, without references. */
  static void requireAvro(JsonObject body) {
    String type = ApiRequest.string(body, "schemaType");
    if (type != null && !type.equalsIgnoreCase("AVRO")) {
      throw SchemaRegistryError.INVALID_SCHEMA.exception(
          "Unsupported schema type '" + type + "': this registry serves AVRO only");
    }
    Object references = body.getValue("references");
    if (references instanceof JsonArray array && !array.isEmpty()) {
      throw SchemaRegistryError.INVALID_SCHEMA.exception("Schema references are not supported");
    }
  }
}

package io.cairn.schemaregistry;

/**
 * The value of a SCHEMA record: {@code {"subject":"s","version":1,"id":1,"schema":"...",
 * "deleted":false}}. {@code schema} is the canonical text (Avro's {@code Schema.toString()}), which
 * is what identical-schema detection compares.
 */
public record SchemaValue(String subject, int version, int id, String schema, boolean deleted) {

  public SchemaVersion toVersion() {
    return new SchemaVersion(subject, version, id, schema);
  }

  public StoreKey.SchemaKey key() {
    return new StoreKey.SchemaKey(subject, version);
  }
}

package io.cairn.api.schemaregistry;

import org.apache.avro.Schema;

/** Avro schemas with known compatibility, for the HTTP tests. */
final class Schemas {
  private Schemas() {}

  static String record(String fields) {
    return "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\",\"fields\":["
        + fields
        + "]}";
  }

  static final String NAME = record("{\"name\":\"name\",\"type\":\"string\"}");

  /** FULL compatible with NAME. */
  static final String NAME_AGE =
      record(
          "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\",\"default\":0}");

  /** Not BACKWARD compatible with NAME. */
  static final String NAME_EMAIL =
      record("{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"email\",\"type\":\"string\"}");

  /** BACKWARD compatible with NAME_AGE. */
  static final String AGE_ONLY = record("{\"name\":\"age\",\"type\":\"int\",\"default\":0}");

  static String canonical(String schema) {
    return new Schema.Parser().parse(schema).toString();
  }
}

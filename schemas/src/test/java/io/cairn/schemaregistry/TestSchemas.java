package io.cairn.schemaregistry;

/** Small Avro schemas whose compatibility is known, shared by the registry tests. */
final class TestSchemas {
  private TestSchemas() {}

  static String record(String fields) {
    return "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\",\"fields\":["
        + fields
        + "]}";
  }

  static final String NAME = record("{\"name\":\"name\",\"type\":\"string\"}");

  /** NAME plus a defaulted field: FULL compatible with NAME. */
  static final String NAME_AGE =
      record(
          "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\",\"default\":0}");

  /** NAME plus a field without default: not BACKWARD (cannot read NAME data), but FORWARD. */
  static final String NAME_EMAIL =
      record("{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"email\",\"type\":\"string\"}");

  /** NAME_AGE without name: BACKWARD (ignores name) but not FORWARD (NAME needs name). */
  static final String AGE_ONLY = record("{\"name\":\"age\",\"type\":\"int\",\"default\":0}");

  /** A with a string, then no field, then a as an int: each step BACKWARD, not transitively. */
  static final String A_STRING = record("{\"name\":\"a\",\"type\":\"string\"}");

  static final String EMPTY = record("");
  static final String A_INT = record("{\"name\":\"a\",\"type\":\"int\",\"default\":0}");

  static final String NOT_JSON = "{\"type\":\"record\",";
  static final String UNKNOWN_TYPE = "{\"type\":\"nonsense\"}";
}

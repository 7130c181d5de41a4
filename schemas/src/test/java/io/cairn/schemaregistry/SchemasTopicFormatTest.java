package io.cairn.schemaregistry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys must be Confluent's bytes exactly: compaction compares them. */
class SchemasTopicFormatTest {

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of(
            new StoreKey.SchemaKey("s", 1),
            "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}"),
        Arguments.of(
            new StoreKey.ConfigKey(null), "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"),
        Arguments.of(
            new StoreKey.ConfigKey("s"), "{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}"),
        Arguments.of(
            new StoreKey.DeleteSubjectKey("s"),
            "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}"),
        Arguments.of(
            new StoreKey.OtherKey("NOOP"), "{\"keytype\":\"NOOP\",\"subject\":null,\"magic\":0}"));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void keysAreConfluentBytesAndDecodeBack(StoreKey key, String json) {
    assertEquals(json, new String(SchemasTopicFormat.encodeKey(key), UTF_8));
    assertEquals(key, SchemasTopicFormat.decodeKey(json.getBytes(UTF_8)));
  }

  @Test
  void schemaValueRoundTripsInConfluentLayout() {
    SchemaValue value = new SchemaValue("s", 2, 7, "\"string\"", false);
    String json = new String(SchemasTopicFormat.encodeSchemaValue(value), UTF_8);
    assertEquals(
        "{\"subject\":\"s\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}",
        json);
    assertEquals(value, SchemasTopicFormat.decodeSchemaValue(json.getBytes(UTF_8)));
  }

  @Test
  void schemaValueIgnoresConfluentExtrasAndDefaultsDeleted() {
    String confluent =
        "{\"subject\":\"s\",\"version\":1,\"id\":3,\"md5\":\"abc\",\"schemaType\":\"AVRO\","
            + "\"references\":[],\"schema\":\"\\\"int\\\"\"}";
    assertEquals(
        new SchemaValue("s", 1, 3, "\"int\"", false),
        SchemasTopicFormat.decodeSchemaValue(confluent.getBytes(UTF_8)));
  }

  @Test
  void configValueRoundTripsAndMayCarryNoLevel() {
    byte[] full = SchemasTopicFormat.encodeConfigValue(CompatibilityLevel.FULL);
    assertEquals("{\"compatibilityLevel\":\"FULL\"}", new String(full, UTF_8));
    assertEquals(CompatibilityLevel.FULL, SchemasTopicFormat.decodeConfigValue(full));
    assertNull(SchemasTopicFormat.decodeConfigValue("{\"normalize\":true}".getBytes(UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1]",
        "{\"subject\":\"s\"}",
        "{\"keytype\":\"SCHEMA\",\"version\":1}",
        "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":\"one\"}"
      })
  void malformedKeysAreRejected(String key) {
    assertThrows(
        IllegalArgumentException.class, () -> SchemasTopicFormat.decodeKey(key.getBytes(UTF_8)));
  }
}

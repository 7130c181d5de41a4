package io.cairn.schemaregistry;

import static io.cairn.schemaregistry.TestSchemas.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fold, as a table: records in, one query and its expected answer out. */
class RegistryStateTest {

  /** One {@code _schemas} record as raw bytes, value null for a tombstone. */
  record Rec(byte[] key, byte[] value) {}

  static Rec schema(String subject, int version, int id, String schema) {
    return put(new SchemaValue(subject, version, id, schema, false));
  }

  static Rec softDeleted(String subject, int version, int id, String schema) {
    return put(new SchemaValue(subject, version, id, schema, true));
  }

  static Rec put(SchemaValue v) {
    return new Rec(SchemasTopicFormat.encodeKey(v.key()), SchemasTopicFormat.encodeSchemaValue(v));
  }

  static Rec tombstone(String subject, int version) {
    return new Rec(SchemasTopicFormat.encodeKey(new StoreKey.SchemaKey(subject, version)), null);
  }

  static Rec config(String subject, CompatibilityLevel level) {
    byte[] key = SchemasTopicFormat.encodeKey(new StoreKey.ConfigKey(subject));
    return new Rec(key, level == null ? null : SchemasTopicFormat.encodeConfigValue(level));
  }

  static Rec raw(String key, String value) {
    return new Rec(key.getBytes(UTF_8), value == null ? null : value.getBytes(UTF_8));
  }

  static Arguments row(
      String name, List<Rec> records, Function<RegistryState, Object> query, Object expected) {
    return Arguments.of(name, records, query, expected);
  }

  static Stream<Arguments> versions() {
    Function<RegistryState, Object> subjects = RegistryState::subjects;
    Function<RegistryState, Object> versionsOfA = s -> versionNumbers(s, "a");
    return Stream.of(
        row("one schema", List.of(schema("a", 1, 1, NAME)), versionsOfA, List.of(1)),
        row("id lookup", List.of(schema("a", 1, 7, NAME)), s -> s.schemaById(7), Optional.of(NAME)),
        row("reuse lookup", List.of(schema("a", 1, 7, NAME)), s -> s.idOf(NAME), Optional.of(7)),
        row(
            "max id",
            List.of(schema("a", 1, 7, NAME), schema("b", 1, 3, NAME_AGE)),
            RegistryState::maxId,
            7),
        row(
            "two subjects sorted",
            List.of(schema("b", 1, 1, NAME), schema("a", 1, 1, NAME)),
            subjects,
            List.of("a", "b")),
        row(
            "latest",
            List.of(schema("a", 1, 1, NAME), schema("a", 2, 2, NAME_AGE)),
            s -> s.latest("a").map(SchemaValue::id),
            Optional.of(2)));
  }

  static Stream<Arguments> deletes() {
    Function<RegistryState, Object> subjects = RegistryState::subjects;
    Function<RegistryState, Object> versionsOfA = s -> versionNumbers(s, "a");
    return Stream.of(
        row(
            "soft delete hides version",
            List.of(schema("a", 1, 1, NAME), softDeleted("a", 1, 1, NAME)),
            versionsOfA,
            List.of()),
        row(
            "soft delete hides subject",
            List.of(schema("a", 1, 1, NAME), softDeleted("a", 1, 1, NAME)),
            subjects,
            List.of()),
        row(
            "soft-deleted id still resolves",
            List.of(schema("a", 1, 1, NAME), softDeleted("a", 1, 1, NAME)),
            s -> s.schemaById(1),
            Optional.of(NAME)),
        row(
            "soft-deleted keeps version number",
            List.of(schema("a", 1, 1, NAME), softDeleted("a", 1, 1, NAME)),
            s -> s.maxVersion("a"),
            1),
        row(
            "soft-deleted version unreadable",
            List.of(schema("a", 1, 1, NAME), softDeleted("a", 1, 1, NAME)),
            s -> s.version("a", 1),
            Optional.empty()),
        row(
            "tombstone removes version",
            List.of(schema("a", 1, 1, NAME), tombstone("a", 1)),
            s -> s.maxVersion("a"),
            0),
        row(
            "tombstone forgets unused id",
            List.of(schema("a", 1, 1, NAME), tombstone("a", 1)),
            s -> s.schemaById(1),
            Optional.empty()),
        row(
            "tombstone keeps max id",
            List.of(schema("a", 1, 4, NAME), tombstone("a", 1)),
            RegistryState::maxId,
            4),
        row(
            "tombstone keeps shared id",
            List.of(schema("a", 1, 1, NAME), schema("b", 1, 1, NAME), tombstone("a", 1)),
            s -> s.schemaById(1),
            Optional.of(NAME)),
        row("tombstone of unknown key", List.of(tombstone("a", 1)), subjects, List.of()));
  }

  static Stream<Arguments> levels() {
    return Stream.of(
        row("default level", List.of(), s -> s.compatibility(null), CompatibilityLevel.BACKWARD),
        row(
            "global level",
            List.of(config(null, CompatibilityLevel.FULL)),
            s -> s.compatibility(null),
            CompatibilityLevel.FULL),
        row(
            "subject inherits global",
            List.of(config(null, CompatibilityLevel.FULL)),
            s -> s.compatibility("a"),
            CompatibilityLevel.FULL),
        row(
            "subject level",
            List.of(config("a", CompatibilityLevel.NONE)),
            s -> s.compatibility("a"),
            CompatibilityLevel.NONE),
        row(
            "subject level stays local",
            List.of(config("a", CompatibilityLevel.NONE)),
            s -> s.compatibility("b"),
            CompatibilityLevel.BACKWARD),
        row(
            "subject tombstone reverts",
            List.of(
                config(null, CompatibilityLevel.FORWARD),
                config("a", CompatibilityLevel.NONE),
                config("a", null)),
            s -> s.compatibility("a"),
            CompatibilityLevel.FORWARD),
        row(
            "global tombstone reverts",
            List.of(config(null, CompatibilityLevel.FULL), config(null, null)),
            s -> s.compatibility(null),
            CompatibilityLevel.BACKWARD),
        row(
            "config without level",
            List.of(
                raw(
                    "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
                    "{\"normalize\":true}")),
            s -> s.compatibility(null),
            CompatibilityLevel.BACKWARD));
  }

  static Stream<Arguments> conflictsAndForeignRecords() {
    Function<RegistryState, Object> subjects = RegistryState::subjects;
    Function<RegistryState, Object> versionsOfA = s -> versionNumbers(s, "a");
    return Stream.of(
        row(
            "first writer keeps id",
            List.of(schema("a", 1, 1, NAME), schema("b", 1, 1, NAME_AGE)),
            s -> s.schemaById(1),
            Optional.of(NAME)),
        row(
            "loser of id race absent",
            List.of(schema("a", 1, 1, NAME), schema("b", 1, 1, NAME_AGE)),
            subjects,
            List.of("a")),
        row(
            "first writer keeps version",
            List.of(schema("a", 1, 1, NAME), schema("a", 1, 2, NAME_AGE)),
            s -> s.version("a", 1).map(SchemaValue::id),
            Optional.of(1)),
        row(
            "DELETE_SUBJECT soft-deletes up to version",
            List.of(
                schema("a", 1, 1, NAME),
                schema("a", 2, 2, NAME_AGE),
                schema("a", 3, 3, AGE_ONLY),
                raw(
                    "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"a\",\"magic\":0}",
                    "{\"subject\":\"a\",\"version\":2}")),
            versionsOfA,
            List.of(3)),
        row(
            "NOOP ignored",
            List.of(raw("{\"keytype\":\"NOOP\",\"magic\":0}", null), schema("a", 1, 1, NAME)),
            versionsOfA,
            List.of(1)),
        row(
            "Confluent-written record",
            List.of(
                raw(
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"a\",\"version\":1,\"magic\":1}",
                    "{\"subject\":\"a\",\"version\":1,\"id\":100001,\"schemaType\":\"AVRO\",\"schema\":\"\\\"string\\\"\",\"deleted\":false}")),
            s -> s.schemaById(100001),
            Optional.of("\"string\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"versions", "deletes", "levels", "conflictsAndForeignRecords"})
  void folds(
      String name, List<Rec> records, Function<RegistryState, Object> query, Object expected) {
    RegistryState state = new RegistryState();
    records.forEach(r -> state.apply(r.key(), r.value()));
    assertEquals(expected, query.apply(state));
  }

  static Stream<Arguments> appliedOrIgnored() {
    return Stream.of(
        Arguments.of(schema("a", 1, 1, NAME), true),
        Arguments.of(schema("a", 1, 1, NAME), true),
        Arguments.of(softDeleted("a", 1, 1, NAME), true),
        Arguments.of(schema("b", 1, 1, NAME_AGE), false),
        Arguments.of(schema("a", 1, 2, NAME_AGE), false),
        Arguments.of(raw("{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}", "{}"), false));
  }

  @ParameterizedTest
  @MethodSource("appliedOrIgnored")
  void reportsWhetherARecordWasApplied(Rec record, boolean applied) {
    RegistryState state = new RegistryState();
    state.apply(schema("a", 1, 1, NAME).key(), schema("a", 1, 1, NAME).value());
    assertEquals(applied, state.apply(record.key(), record.value()));
  }

  static Stream<Rec> malformed() {
    return Stream.of(
        raw("garbage", "{}"),
        raw("{\"keytype\":\"SCHEMA\",\"subject\":\"a\",\"version\":1,\"magic\":1}", "nope"),
        raw(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"a\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"a\",\"version\":1}"),
        raw(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"a\",\"version\":2,\"magic\":1}",
            "{\"subject\":\"a\",\"version\":1,\"id\":5,\"schema\":\"\\\"int\\\"\"}"),
        raw(
            "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
            "{\"compatibilityLevel\":\"SOMETIMES\"}"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedRecordsThrowAndChangeNothing(Rec record) {
    RegistryState state = new RegistryState();
    assertThrows(IllegalArgumentException.class, () -> state.apply(record.key(), record.value()));
    assertEquals(List.of(), state.subjects());
    assertEquals(0, state.maxId());
    assertEquals(CompatibilityLevel.BACKWARD, state.compatibility(null));
  }

  private static List<Integer> versionNumbers(RegistryState state, String subject) {
    return state.liveVersions(subject).stream().map(SchemaValue::version).toList();
  }
}

package io.cairn.schemaregistry;

import static io.cairn.schemaregistry.CompatibilityLevel.*;
import static io.cairn.schemaregistry.TestSchemas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompatibilityCheckerTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // level, candidate, earlier (oldest first), compatible?
        row(BACKWARD, NAME_AGE, true, NAME),
        row(FORWARD, NAME_AGE, true, NAME),
        row(FULL, NAME_AGE, true, NAME),
        row(BACKWARD, NAME_EMAIL, false, NAME),
        row(FORWARD, NAME_EMAIL, true, NAME),
        row(FULL, NAME_EMAIL, false, NAME),
        row(NONE, NAME_EMAIL, true, NAME),
        row(BACKWARD, AGE_ONLY, true, NAME_AGE),
        row(FORWARD, AGE_ONLY, false, NAME_AGE),
        row(FULL, AGE_ONLY, false, NAME_AGE),
        row(BACKWARD, A_INT, true, A_STRING, EMPTY),
        row(BACKWARD_TRANSITIVE, A_INT, false, A_STRING, EMPTY),
        row(FULL, A_INT, true, A_STRING, EMPTY),
        row(FULL_TRANSITIVE, A_INT, false, A_STRING, EMPTY),
        row(FORWARD, EMPTY, true, NAME_AGE, AGE_ONLY),
        row(FORWARD_TRANSITIVE, EMPTY, false, NAME_AGE, AGE_ONLY),
        row(BACKWARD, NAME_EMAIL, true),
        row(BACKWARD_TRANSITIVE, NAME, true, NAME));
  }

  private static Arguments row(
      CompatibilityLevel level, String candidate, boolean compatible, String... earlier) {
    return Arguments.of(level, candidate, compatible, List.of(earlier));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {2}")
  @MethodSource("table")
  void followsConfluentRules(
      CompatibilityLevel level, String candidate, boolean compatible, List<String> earlier) {
    List<String> problems =
        CompatibilityChecker.incompatibilities(
            level,
            parse(candidate),
            earlier.stream().map(CompatibilityCheckerTest::parse).toList());
    assertEquals(compatible, problems.isEmpty(), () -> "problems: " + problems);
  }

  @ParameterizedTest
  @MethodSource("levels")
  void parsesEveryLevelIgnoringCase(String text, CompatibilityLevel expected) {
    assertEquals(expected, CompatibilityLevel.parse(text));
  }

  static Stream<Arguments> levels() {
    return Stream.concat(
        Arrays.stream(values()).map(l -> Arguments.of(l.name(), l)),
        Stream.of(Arguments.of("full_transitive", FULL_TRANSITIVE), Arguments.of(" none ", NONE)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "BACK", "STRICT", "FULL-TRANSITIVE"})
  void rejectsUnknownLevels(String text) {
    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> CompatibilityLevel.parse(text));
    assertEquals(SchemaRegistryError.INVALID_COMPATIBILITY_LEVEL, e.error());
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}

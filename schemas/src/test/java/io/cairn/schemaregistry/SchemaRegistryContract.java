package io.cairn.schemaregistry;

import static io.cairn.schemaregistry.TestSchemas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What every {@link SchemaRegistry} does; each implementation's test extends this. */
abstract class SchemaRegistryContract {
  protected SchemaRegistry registry;

  /** A fresh, empty registry for each test. */
  protected abstract SchemaRegistry newRegistry() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    registry = newRegistry();
  }

  private static String canonical(String schema) {
    return new Schema.Parser().parse(schema).toString();
  }

  private static void assertError(SchemaRegistryError expected, Executable call) {
    assertEquals(expected, assertThrows(SchemaRegistryException.class, call).error());
  }

  @Test
  void registersFirstVersionWithIdOne() {
    assertEquals(1, registry.register("a", NAME));
    assertEquals(List.of("a"), registry.subjects());
    assertEquals(List.of(1), registry.versions("a"));
    assertEquals(
        Optional.of(new SchemaVersion("a", 1, 1, canonical(NAME))), registry.version("a", 1));
    assertEquals(Optional.of(canonical(NAME)), registry.schemaById(1));
  }

  @Test
  void identicalSchemaReturnsExistingIdWithoutNewVersion() {
    int id = registry.register("a", NAME);
    assertEquals(id, registry.register("a", "  " + NAME.replace(",", " , ") + "\n"));
    assertEquals(List.of(1), registry.versions("a"));
  }

  @Test
  void schemaUnderAnotherSubjectReusesGlobalId() {
    int id = registry.register("a", NAME);
    registry.register("a", NAME_AGE);
    assertEquals(id, registry.register("b", NAME));
    assertEquals(Optional.of(new SchemaVersion("b", 1, id, canonical(NAME))), registry.latest("b"));
  }

  @Test
  void compatibleSchemasGetNewVersionsAndIds() {
    assertEquals(1, registry.register("a", NAME));
    assertEquals(2, registry.register("a", NAME_AGE));
    assertEquals(List.of(1, 2), registry.versions("a"));
    assertEquals(2, registry.latest("a").orElseThrow().version());
    assertEquals(2, registry.latest("a").orElseThrow().id());
  }

  @Test
  void incompatibleSchemaIsRejectedUnderDefaultBackward() {
    registry.register("a", NAME);
    assertError(SchemaRegistryError.INCOMPATIBLE_SCHEMA, () -> registry.register("a", NAME_EMAIL));
    assertEquals(List.of(1), registry.versions("a"));
  }

  @Test
  void subjectLevelNoneAllowsAnything() {
    registry.register("a", NAME);
    registry.setCompatibility("a", "NONE");
    assertEquals(2, registry.register("a", NAME_EMAIL));
  }

  @Test
  void invalidSchemasAreRejected() {
    assertError(SchemaRegistryError.INVALID_SCHEMA, () -> registry.register("a", NOT_JSON));
    assertError(SchemaRegistryError.INVALID_SCHEMA, () -> registry.register("a", UNKNOWN_TYPE));
    assertEquals(List.of(), registry.subjects());
  }

  @Test
  void unknownThingsAreEmpty() {
    assertEquals(List.of(), registry.versions("nope"));
    assertEquals(Optional.empty(), registry.version("nope", 1));
    assertEquals(Optional.empty(), registry.latest("nope"));
    assertEquals(Optional.empty(), registry.schemaById(42));
    registry.register("a", NAME);
    assertEquals(Optional.empty(), registry.version("a", 2));
  }

  @Test
  void compatibilityLevelsInheritAndOverride() {
    assertEquals("BACKWARD", registry.compatibility(null));
    assertEquals("BACKWARD", registry.compatibility("a"));
    registry.setCompatibility(null, "FULL");
    assertEquals("FULL", registry.compatibility("a"));
    registry.setCompatibility("a", "forward_transitive");
    assertEquals("FORWARD_TRANSITIVE", registry.compatibility("a"));
    assertEquals("FULL", registry.compatibility(null));
    assertError(
        SchemaRegistryError.INVALID_COMPATIBILITY_LEVEL, () -> registry.setCompatibility("a", "X"));
  }

  @Test
  void isCompatibleAgainstLatestAndAgainstOneVersion() {
    registry.register("a", A_STRING);
    registry.register("a", EMPTY);
    assertTrue(registry.isCompatible("a", SchemaRegistry.LATEST, A_INT));
    assertFalse(registry.isCompatible("a", 1, A_INT));
    assertTrue(registry.isCompatible("a", 2, A_INT));
    registry.setCompatibility("a", "BACKWARD_TRANSITIVE");
    assertFalse(registry.isCompatible("a", SchemaRegistry.LATEST, A_INT));
  }

  @Test
  void isCompatibleReportsWhatIsMissing() {
    assertError(SchemaRegistryError.SUBJECT_NOT_FOUND, () -> registry.isCompatible("a", -1, NAME));
    registry.register("a", NAME);
    assertError(SchemaRegistryError.VERSION_NOT_FOUND, () -> registry.isCompatible("a", 9, NAME));
    assertError(SchemaRegistryError.INVALID_VERSION, () -> registry.isCompatible("a", 0, NAME));
    assertError(SchemaRegistryError.INVALID_SCHEMA, () -> registry.isCompatible("a", 1, NOT_JSON));
  }
}

package io.cairn.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.schemaregistry.CompatibilityChecker;
import io.cairn.schemaregistry.CompatibilityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * The event log keeps every event ever written, so every schema that ever wrote to it stays
 * readable: each released {@code RegistryEvent} schema is kept under {@code released/}, and the
 * current one must read data of all of them (BACKWARD_TRANSITIVE, as the schema registry checks it
 * at runtime). Changing the schema means adding the next {@code RegistryEvent-vN.avsc} here, which
 * is where such a change gets reviewed.
 */
class ReleasedSchemasTest {

  @Test
  void theCurrentSchemaReadsEveryReleasedOne() throws IOException {
    List<Schema> released = released();
    assertEquals(
        List.of(),
        CompatibilityChecker.incompatibilities(
            CompatibilityLevel.BACKWARD_TRANSITIVE, RegistryEvent.getClassSchema(), released));
  }

  @Test
  void theCurrentSchemaIsTheNewestReleasedOne() throws IOException {
    List<Schema> released = released();
    assertEquals(
        released.get(released.size() - 1),
        RegistryEvent.getClassSchema(),
        "RegistryEvent changed: snapshot it as RegistryEvent-v"
            + (released.size() + 1)
            + ".avsc in src/test/resources/io/cairn/events/released");
  }

  @Test
  void aBreakingChangeWouldBeCaught() throws IOException {
    Schema current = RegistryEvent.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field("tenant", SchemaBuilder.builder().stringType(), "no default"));
    Schema broken =
        Schema.createRecord(
            current.getName(), current.getDoc(), current.getNamespace(), false, fields);

    List<String> problems =
        CompatibilityChecker.incompatibilities(
            CompatibilityLevel.BACKWARD_TRANSITIVE, broken, released());

    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).contains("tenant"), problems::toString);
  }

  /** Oldest first: v1, v2, … until the first version that is missing. */
  private static List<Schema> released() throws IOException {
    List<Schema> schemas = new ArrayList<>();
    for (int version = 1; ; version++) {
      try (InputStream in =
          ReleasedSchemasTest.class.getResourceAsStream(
              "released/RegistryEvent-v" + version + ".avsc")) {
        if (in == null) {
          break;
        }
        schemas.add(new Schema.Parser().parse(in));
      }
    }
    assertFalse(schemas.isEmpty(), "no released schema found");
    return schemas;
  }
}

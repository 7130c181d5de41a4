package io.cairn.schemaregistry;

import static io.cairn.schemaregistry.TestSchemas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Races with another instance, simulated: its record lands just before ours. */
class FoldedSchemaRegistryTest {

  /** Folds the competitor's record (once) before each of ours; remembers what it appended. */
  static final class RacingRegistry extends FoldedSchemaRegistry {
    private SchemaValue competitor;
    final List<SchemaValue> appended = new ArrayList<>();

    RacingRegistry(SchemaValue competitor) {
      this.competitor = competitor;
    }

    @Override
    protected void append(byte[] key, byte[] value) {
      if (competitor != null) {
        fold(
            SchemasTopicFormat.encodeKey(competitor.key()),
            SchemasTopicFormat.encodeSchemaValue(competitor));
        competitor = null;
      }
      appended.add(SchemasTopicFormat.decodeSchemaValue(value));
      fold(key, value);
    }
  }

  private static String canonical(String schema) {
    return new Schema.Parser().parse(schema).toString();
  }

  @Test
  void losingAnIdRaceTakesTheNextId() {
    RacingRegistry registry =
        new RacingRegistry(new SchemaValue("other", 1, 1, canonical(NAME), false));
    assertEquals(2, registry.register("mine", NAME_AGE));
    assertEquals(Optional.of(canonical(NAME)), registry.schemaById(1));
    assertEquals(Optional.of(canonical(NAME_AGE)), registry.schemaById(2));
    assertEquals(List.of("mine", "other"), registry.subjects());
  }

  @Test
  void losingAVersionRaceReassertsTheWinnerAndTakesTheNextVersion() {
    SchemaValue winner = new SchemaValue("s", 1, 1, canonical(NAME), false);
    RacingRegistry registry = new RacingRegistry(winner);
    assertEquals(2, registry.register("s", NAME_AGE));
    assertEquals(List.of(1, 2), registry.versions("s"));
    // Ours (lost), the winner again (so compaction keeps it), ours as version 2.
    assertEquals(List.of(1, 1, 2), registry.appended.stream().map(SchemaValue::version).toList());
    assertEquals(winner, registry.appended.get(1));
  }

  @Test
  void losingToTheSameSchemaReturnsTheWinnersId() {
    RacingRegistry registry =
        new RacingRegistry(new SchemaValue("s", 1, 1, canonical(NAME), false));
    registry.fold(
        SchemasTopicFormat.encodeKey(new StoreKey.SchemaKey("x", 1)),
        SchemasTopicFormat.encodeSchemaValue(new SchemaValue("x", 1, 5, canonical(A_INT), false)));
    assertEquals(1, registry.register("s", NAME));
    assertEquals(List.of(1), registry.versions("s"));
  }
}

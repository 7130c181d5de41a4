package io.cairn.schemaregistry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility rules on top of Avro's own reader/writer check: BACKWARD means the new
 * schema, as reader, reads data written with an earlier one; FORWARD the reverse; FULL both.
 * Transitive levels check every earlier version, the others only the latest.
 */
public final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /**
   * Why the candidate breaks the level against the earlier schemas (oldest first); empty when it is
   * compatible.
   */
  public static List<String> incompatibilities(
      CompatibilityLevel level, Schema candidate, List<Schema> earlierOldestFirst) {
    if (level == CompatibilityLevel.NONE || earlierOldestFirst.isEmpty()) {
      return List.of();
    }
    List<Schema> targets =
        level.transitive()
            ? earlierOldestFirst
            : List.of(earlierOldestFirst.get(earlierOldestFirst.size() - 1));
    List<String> problems = new ArrayList<>();
    for (Schema earlier : targets) {
      if (level.backward()) {
        problems.addAll(check(candidate, earlier, "BACKWARD (new schema reading older data)"));
      }
      if (level.forward()) {
        problems.addAll(check(earlier, candidate, "FORWARD (older schema reading new data)"));
      }
    }
    return problems;
  }

  private static List<String> check(Schema reader, Schema writer, String direction) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    return result.getResult().getIncompatibilities().stream()
        .map(i -> direction + ": " + i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
        .toList();
  }
}

package io.cairn.schemaregistry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's decisions as pure functions of {@link RegistryState}: what registering a schema
 * appends (or which existing id it returns), and whether a schema is compatible.
 */
public final class SchemaRules {
  private SchemaRules() {}

  /**
   * The outcome of a registration: the id to answer, and the record to append first, or null when
   * the subject already has the schema.
   */
  public record Registration(int id, SchemaValue toAppend) {}

  /**
   * Parses an Avro schema.
   *
   * @throws SchemaRegistryException {@link SchemaRegistryError#INVALID_SCHEMA}
   */
  public static Schema parse(String schemaJson) {
    if (schemaJson == null || schemaJson.isBlank()) {
      throw SchemaRegistryError.INVALID_SCHEMA.exception("Empty schema");
    }
    try {
      return new Schema.Parser().parse(schemaJson);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw SchemaRegistryError.INVALID_SCHEMA.exception("Invalid schema: " + e.getMessage(), e);
    }
  }

  /** Decides {@link SchemaRegistry#register}: reuse, or the next version and id, or rejection. */
  public static Registration decideRegistration(
      RegistryState state, String subject, String schemaJson) {
    Schema schema = parse(schemaJson);
    String canonical = schema.toString();
    List<SchemaValue> live = state.liveVersions(subject);
    Optional<SchemaValue> same =
        live.stream().filter(v -> v.schema().equals(canonical)).findFirst();
    if (same.isPresent()) {
      return new Registration(same.get().id(), null);
    }
    List<String> problems =
        CompatibilityChecker.incompatibilities(
            state.compatibility(subject), schema, parseAll(live));
    if (!problems.isEmpty()) {
      throw SchemaRegistryError.INCOMPATIBLE_SCHEMA.exception(
          "Schema being registered is incompatible with an earlier schema for subject '"
              + subject
              + "', details: "
              + problems);
    }
    int id = state.idOf(canonical).orElse(state.maxId() + 1);
    int version = state.maxVersion(subject) + 1;
    return new Registration(id, new SchemaValue(subject, version, id, canonical, false));
  }

  /**
   * Decides {@link SchemaRegistry#isCompatible}; {@code version} may be {@link
   * SchemaRegistry#LATEST}.
   */
  public static boolean isCompatible(
      RegistryState state, String subject, int version, String schemaJson) {
    Schema candidate = parse(schemaJson);
    if (version != SchemaRegistry.LATEST && version < 1) {
      throw invalidVersion(String.valueOf(version));
    }
    List<SchemaValue> live = state.liveVersions(subject);
    if (live.isEmpty()) {
      throw subjectNotFound(subject);
    }
    List<SchemaValue> against = live;
    if (version != SchemaRegistry.LATEST) {
      SchemaValue one =
          state.version(subject, version).orElseThrow(() -> versionNotFound(subject, version));
      against = List.of(one);
    }
    return CompatibilityChecker.incompatibilities(
            state.compatibility(subject), candidate, parseAll(against))
        .isEmpty();
  }

  private static List<Schema> parseAll(List<SchemaValue> values) {
    return values.stream().map(v -> new Schema.Parser().parse(v.schema())).toList();
  }

  public static SchemaRegistryException subjectNotFound(String subject) {
    return SchemaRegistryError.SUBJECT_NOT_FOUND.exception("Subject '" + subject + "' not found.");
  }

  public static SchemaRegistryException versionNotFound(String subject, int version) {
    return SchemaRegistryError.VERSION_NOT_FOUND.exception(
        "Version " + version + " not found for subject '" + subject + "'.");
  }

  public static SchemaRegistryException invalidVersion(String version) {
    return SchemaRegistryError.INVALID_VERSION.exception(
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are"
            + " between [1, 2^31-1] and the string \"latest\"");
  }
}

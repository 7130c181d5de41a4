package io.cairn.schemaregistry;

import java.util.List;
import java.util.Optional;

/**
 * The subset of a Confluent schema registry Cairn needs: Avro schemas registered under subjects,
 * global ids, and compatibility levels. Implementations are thread-safe.
 *
 * <p>Every method may throw {@link SchemaRegistryException}; {@link
 * SchemaRegistryError#STORE_ERROR} and {@link SchemaRegistryError#OPERATION_TIMEOUT} mean the
 * backing store failed, any other code means the request itself was wrong.
 */
public interface SchemaRegistry {

  /** The version argument of {@link #isCompatible} that means "the latest version". */
  int LATEST = -1;

  /**
   * Registers an Avro schema under a subject and returns its global id. An identical schema already
   * registered under the subject returns the existing id without adding a version; a schema already
   * known under another subject reuses that global id.
   *
   * @throws SchemaRegistryException {@link SchemaRegistryError#INVALID_SCHEMA} if the schema does
   *     not parse, {@link SchemaRegistryError#INCOMPATIBLE_SCHEMA} if the subject's compatibility
   *     level rejects it
   */
  int register(String subject, String schemaJson);

  /** The schema with this global id, also when every version using it was soft-deleted. */
  Optional<String> schemaById(int id);

  /** Subjects with at least one live (not deleted) version, sorted. */
  List<String> subjects();

  /** Live version numbers of the subject, ascending; empty when the subject is unknown. */
  List<Integer> versions(String subject);

  /** A live version of the subject; empty when the subject or the version is unknown. */
  Optional<SchemaVersion> version(String subject, int version);

  /** The highest live version of the subject; empty when the subject is unknown. */
  Optional<SchemaVersion> latest(String subject);

  /**
   * The effective compatibility level: the subject's own level, else the global one (default
   * BACKWARD). A null subject asks for the global level.
   */
  String compatibility(String subjectOrNull);

  /**
   * Sets the subject's level, or the global one when the subject is null.
   *
   * @throws SchemaRegistryException {@link SchemaRegistryError#INVALID_COMPATIBILITY_LEVEL} for a
   *     level other than NONE, BACKWARD(_TRANSITIVE), FORWARD(_TRANSITIVE), FULL(_TRANSITIVE)
   */
  void setCompatibility(String subjectOrNull, String level);

  /**
   * Whether the schema could be registered against the given version ({@link #LATEST}: checked as
   * registration would check it, against the latest or, for transitive levels, all versions).
   *
   * @throws SchemaRegistryException {@link SchemaRegistryError#SUBJECT_NOT_FOUND}, {@link
   *     SchemaRegistryError#VERSION_NOT_FOUND}, {@link SchemaRegistryError#INVALID_VERSION} or
   *     {@link SchemaRegistryError#INVALID_SCHEMA}
   */
  boolean isCompatible(String subject, int version, String schemaJson);
}

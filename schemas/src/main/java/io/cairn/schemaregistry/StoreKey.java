package io.cairn.schemaregistry;

/**
 * The key of a record on the {@code _schemas} topic, in Confluent's layout. Compaction keeps the
 * last record per key, so the byte encoding ({@link SchemasTopicFormat}) must match Confluent's
 * exactly.
 */
public sealed interface StoreKey {

  /** {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}}. */
  record SchemaKey(String subject, int version) implements StoreKey {}

  /** {@code {"keytype":"CONFIG","subject":null,"magic":0}}; a null subject is the global level. */
  record ConfigKey(String subject) implements StoreKey {}

  /** {@code {"keytype":"DELETE_SUBJECT","subject":"s","magic":0}}: soft-deletes up to a version. */
  record DeleteSubjectKey(String subject) implements StoreKey {}

  /** Key types Cairn does not act on (NOOP, MODE, CONTEXT, CLEAR_SUBJECT ...): skipped. */
  record OtherKey(String keytype) implements StoreKey {}
}

package io.cairn.schemaregistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry as folded from the {@code _schemas} topic: {@code evolve(state, record)} in {@link
 * #apply}, queries beside it. Not thread-safe: callers guard it (see {@link FoldedSchemaRegistry}).
 *
 * <p>Conflicts are resolved first-writer-wins, so every instance folding the same log agrees: a
 * SCHEMA record that binds an already bound id to another schema, or that puts another id under an
 * existing subject version, is ignored. A writer that finds its record ignored lost a race with
 * another instance and decides again.
 */
public final class RegistryState {
  /** subject → version → value, soft-deleted versions included (they keep version numbers). */
  private final Map<String, NavigableMap<Integer, SchemaValue>> subjects = new TreeMap<>();

  /** Global id → canonical schema, while any version (live or soft-deleted) references it. */
  private final Map<Integer, String> schemasById = new HashMap<>();

  /** Canonical schema → the first id bound to it (the id registration reuses). */
  private final Map<String, Integer> idsBySchema = new HashMap<>();

  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;

  /** Highest id ever seen; never decreases, so hard deletes do not make ids reusable. */
  private int maxId;

  /**
   * Folds one {@code _schemas} record; a null value is a tombstone.
   *
   * @return false if the record was ignored (a conflict, or a key type Cairn does not act on)
   * @throws IllegalArgumentException if the key or value is malformed; the state is unchanged
   */
  public boolean apply(byte[] key, byte[] value) {
    StoreKey storeKey = SchemasTopicFormat.decodeKey(key);
    if (storeKey instanceof StoreKey.SchemaKey k) {
      return value == null
          ? removeVersion(k)
          : putVersion(k, SchemasTopicFormat.decodeSchemaValue(value));
    }
    if (storeKey instanceof StoreKey.ConfigKey k) {
      setLevel(k.subject(), value == null ? null : SchemasTopicFormat.decodeConfigValue(value));
      return true;
    }
    if (storeKey instanceof StoreKey.DeleteSubjectKey k && value != null) {
      softDeleteUpTo(k.subject(), SchemasTopicFormat.decodeDeleteSubjectVersion(value));
      return true;
    }
    return false;
  }

  private boolean putVersion(StoreKey.SchemaKey key, SchemaValue value) {
    if (!key.equals(value.key())) {
      throw new IllegalArgumentException("SCHEMA key " + key + " does not match its value");
    }
    String bound = schemasById.get(value.id());
    SchemaValue existing = versionsOf(key.subject()).get(key.version());
    if ((bound != null && !bound.equals(value.schema()))
        || (existing != null && existing.id() != value.id())) {
      return false;
    }
    subjects.computeIfAbsent(key.subject(), s -> new TreeMap<>()).put(key.version(), value);
    schemasById.put(value.id(), value.schema());
    idsBySchema.putIfAbsent(value.schema(), value.id());
    maxId = Math.max(maxId, value.id());
    return true;
  }

  private boolean removeVersion(StoreKey.SchemaKey key) {
    SchemaValue removed = versionsOf(key.subject()).remove(key.version());
    if (removed == null) {
      return false;
    }
    if (subjects.get(key.subject()).isEmpty()) {
      subjects.remove(key.subject());
    }
    boolean stillUsed =
        subjects.values().stream()
            .flatMap(versions -> versions.values().stream())
            .anyMatch(v -> v.id() == removed.id());
    if (!stillUsed) {
      schemasById.remove(removed.id());
      idsBySchema.remove(removed.schema(), removed.id());
    }
    return true;
  }

  private void softDeleteUpTo(String subject, int upTo) {
    versionsOf(subject).headMap(upTo, true).replaceAll((v, value) -> deleted(value));
  }

  private static SchemaValue deleted(SchemaValue v) {
    return new SchemaValue(v.subject(), v.version(), v.id(), v.schema(), true);
  }

  private void setLevel(String subject, CompatibilityLevel level) {
    if (subject == null) {
      globalLevel = level == null ? CompatibilityLevel.DEFAULT : level;
    } else if (level == null) {
      subjectLevels.remove(subject);
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private NavigableMap<Integer, SchemaValue> versionsOf(String subject) {
    return subjects.getOrDefault(subject, new TreeMap<>());
  }

  public Optional<String> schemaById(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** The id registration reuses for this canonical schema, if any subject has it. */
  public Optional<Integer> idOf(String canonicalSchema) {
    return Optional.ofNullable(idsBySchema.get(canonicalSchema));
  }

  public int maxId() {
    return maxId;
  }

  /** Subjects with a live version, sorted. */
  public List<String> subjects() {
    return subjects.keySet().stream().filter(s -> !liveVersions(s).isEmpty()).toList();
  }

  /** Live versions of the subject, oldest first. */
  public List<SchemaValue> liveVersions(String subject) {
    return versionsOf(subject).values().stream().filter(v -> !v.deleted()).toList();
  }

  public Optional<SchemaValue> version(String subject, int version) {
    return Optional.ofNullable(versionsOf(subject).get(version)).filter(v -> !v.deleted());
  }

  /** The stored value under a key, soft-deleted or not. */
  public Optional<SchemaValue> stored(StoreKey.SchemaKey key) {
    return Optional.ofNullable(versionsOf(key.subject()).get(key.version()));
  }

  public Optional<SchemaValue> latest(String subject) {
    List<SchemaValue> live = liveVersions(subject);
    return live.isEmpty() ? Optional.empty() : Optional.of(live.get(live.size() - 1));
  }

  /** The highest version number the subject ever had, deleted ones included; 0 if none. */
  public int maxVersion(String subject) {
    NavigableMap<Integer, SchemaValue> versions = versionsOf(subject);
    return versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** Whether this exact value is what the state holds under its key. */
  public boolean holds(SchemaValue value) {
    return value.equals(versionsOf(value.subject()).get(value.version()));
  }

  /** The subject's own level, or the global one for a null subject or a subject without one. */
  public CompatibilityLevel compatibility(String subjectOrNull) {
    return subjectOrNull == null
        ? globalLevel
        : subjectLevels.getOrDefault(subjectOrNull, globalLevel);
  }
}

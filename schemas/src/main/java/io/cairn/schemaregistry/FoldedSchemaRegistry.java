package io.cairn.schemaregistry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A {@link SchemaRegistry} whose state is the fold of a {@code _schemas} record log: reads query
 * {@link RegistryState}, writes decide with {@link SchemaRules}, {@link #append} a record and check
 * that the fold accepted it. Subclasses say where the log lives. Thread-safe: a read-write lock
 * guards the state, and writes are serialised within the process.
 */
public abstract class FoldedSchemaRegistry implements SchemaRegistry {
  /** Another instance can win a race for the same id or version; then decide again. */
  private static final int MAX_ATTEMPTS = 5;

  private static final System.Logger LOG = System.getLogger(FoldedSchemaRegistry.class.getName());

  private final RegistryState state = new RegistryState();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object writes = new Object();

  /**
   * Appends a record to the log and returns once this instance has folded it (through {@link
   * #fold}), so the caller reads its own write.
   *
   * @throws SchemaRegistryException {@link SchemaRegistryError#STORE_ERROR} or {@link
   *     SchemaRegistryError#OPERATION_TIMEOUT}
   */
  protected abstract void append(byte[] key, byte[] value);

  /** Folds one log record into the state; see {@link RegistryState#apply}. */
  protected final boolean fold(byte[] key, byte[] value) {
    lock.writeLock().lock();
    try {
      return state.apply(key, value);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T read(Function<RegistryState, T> query) {
    lock.readLock().lock();
    try {
      return query.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int register(String subject, String schemaJson) {
    synchronized (writes) {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        SchemaRules.Registration decision =
            read(s -> SchemaRules.decideRegistration(s, subject, schemaJson));
        SchemaValue value = decision.toAppend();
        if (value == null) {
          return decision.id();
        }
        append(
            SchemasTopicFormat.encodeKey(value.key()), SchemasTopicFormat.encodeSchemaValue(value));
        if (read(s -> s.holds(value))) {
          return value.id();
        }
        LOG.log(
            System.Logger.Level.INFO,
            "Lost a registration race for {0}; deciding again",
            value.key());
        reassertWinner(value.key());
      }
    }
    throw SchemaRegistryError.STORE_ERROR.exception(
        "Lost " + MAX_ATTEMPTS + " registration races for subject '" + subject + "'; retry");
  }

  /**
   * Our losing record is now the last one under its key, and compaction keeps only the last: write
   * the winner's value again so a compacted log still folds to what everyone folded before.
   */
  private void reassertWinner(StoreKey.SchemaKey key) {
    Optional<SchemaValue> winner = read(s -> s.stored(key));
    if (winner.isPresent()) {
      append(SchemasTopicFormat.encodeKey(key), SchemasTopicFormat.encodeSchemaValue(winner.get()));
    }
  }

  @Override
  public Optional<String> schemaById(int id) {
    return read(s -> s.schemaById(id));
  }

  @Override
  public List<String> subjects() {
    return read(RegistryState::subjects);
  }

  @Override
  public List<Integer> versions(String subject) {
    return read(s -> s.liveVersions(subject).stream().map(SchemaValue::version).toList());
  }

  @Override
  public Optional<SchemaVersion> version(String subject, int version) {
    return read(s -> s.version(subject, version).map(SchemaValue::toVersion));
  }

  @Override
  public Optional<SchemaVersion> latest(String subject) {
    return read(s -> s.latest(subject).map(SchemaValue::toVersion));
  }

  @Override
  public String compatibility(String subjectOrNull) {
    return read(s -> s.compatibility(subjectOrNull)).name();
  }

  @Override
  public void setCompatibility(String subjectOrNull, String level) {
    CompatibilityLevel parsed = CompatibilityLevel.parse(level);
    synchronized (writes) {
      append(
          SchemasTopicFormat.encodeKey(new StoreKey.ConfigKey(subjectOrNull)),
          SchemasTopicFormat.encodeConfigValue(parsed));
    }
  }

  @Override
  public boolean isCompatible(String subject, int version, String schemaJson) {
    return read(s -> SchemaRules.isCompatible(s, subject, version, schemaJson));
  }
}

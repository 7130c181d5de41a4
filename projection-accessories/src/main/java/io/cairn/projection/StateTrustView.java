package io.cairn.projection;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** {@link TrustView} over any {@link StateReader}. */
public final class StateTrustView implements TrustView {
  private static final int ALL = Integer.MAX_VALUE;

  private final StateReader state;
  private final EntryCache entries;

  public StateTrustView(StateReader state) {
    this(state, new EntryCache(EnumSet.noneOf(Store.class)));
  }

  /** A view keeping generations and verdicts in {@code entries}, which the fold must tell. */
  public StateTrustView(StateReader state, EntryCache entries) {
    this.state = state;
    this.entries = entries;
  }

  @Override
  public List<CosignKeyEntry> cosignKeys(String project) {
    return scan(project, TrustFold.COSIGN, CosignKeyEntry.class);
  }

  @Override
  public List<NotationStoreEntry> notationStores(String project) {
    return scan(project, TrustFold.NOTATION, NotationStoreEntry.class);
  }

  @Override
  public Optional<String> notationPolicy(String project) {
    return Optional.ofNullable(
        state.get(Store.TRUST, project, Store.key(project, TrustFold.POLICY)));
  }

  @Override
  public long generation(String project) {
    String key = Store.key(project, TrustFold.GENERATION);
    Long value =
        entries.get(
            Store.TRUST,
            key,
            () -> {
              String stored = state.get(Store.TRUST, project, key);
              return stored == null ? 0L : Long.parseLong(stored);
            });
    return value;
  }

  @Override
  public Optional<VerdictEntry> verdict(String repository, String subject) {
    String key = Store.key(repository, subject);
    return Optional.ofNullable(
        entries.get(
            Store.VERDICTS,
            key,
            () ->
                EntryCodec.decode(state.get(Store.VERDICTS, repository, key), VerdictEntry.class)));
  }

  private <T> List<T> scan(String project, String kind, Class<T> type) {
    return state.scan(Store.TRUST, project, Store.prefix(project, kind), null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), type))
        .toList();
  }
}

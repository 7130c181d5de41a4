package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/** {@link TrustView} over any {@link StateReader}. */
public final class StateTrustView implements TrustView {
  private static final int ALL = Integer.MAX_VALUE;

  private final StateReader state;

  public StateTrustView(StateReader state) {
    this.state = state;
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
    String value = state.get(Store.TRUST, project, Store.key(project, TrustFold.GENERATION));
    return value == null ? 0 : Long.parseLong(value);
  }

  @Override
  public Optional<VerdictEntry> verdict(String repository, String subject) {
    String json = state.get(Store.VERDICTS, repository, Store.key(repository, subject));
    return Optional.ofNullable(EntryCodec.decode(json, VerdictEntry.class));
  }

  private <T> List<T> scan(String project, String kind, Class<T> type) {
    return state.scan(Store.TRUST, project, Store.prefix(project, kind), null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), type))
        .toList();
  }
}

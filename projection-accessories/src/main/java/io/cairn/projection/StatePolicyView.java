package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/** {@link PolicyView} over any {@link StateReader}. Policies are few: no cache. */
public final class StatePolicyView implements PolicyView {
  private static final int ALL = Integer.MAX_VALUE;

  private final StateReader state;

  public StatePolicyView(StateReader state) {
    this.state = state;
  }

  @Override
  public Optional<ReplicationPolicyEntry> policy(long id) {
    String json = state.get(Store.USERS, Store.REGISTRY_WIDE, PolicyFold.key(id));
    return Optional.ofNullable(EntryCodec.decode(json, ReplicationPolicyEntry.class))
        .filter(p -> !p.deleted());
  }

  @Override
  public List<ReplicationPolicyEntry> policies() {
    return all().stream().filter(p -> !p.deleted()).toList();
  }

  @Override
  public long highestPolicyId() {
    List<ReplicationPolicyEntry> all = all();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).policyId();
  }

  /** Tombstones included, in id order (the keys are zero-padded ids). */
  private List<ReplicationPolicyEntry> all() {
    return state
        .scan(Store.USERS, Store.REGISTRY_WIDE, Store.prefix(PolicyFold.KIND), null, ALL)
        .stream()
        .map(e -> EntryCodec.decode(e.getValue(), ReplicationPolicyEntry.class))
        .toList();
  }
}

package io.cairn.projection;

import java.util.List;
import java.util.Optional;

/** {@link EndpointView} over any {@link StateReader}. Endpoints are few: no cache. */
public final class StateEndpointView implements EndpointView {
  private static final int ALL = Integer.MAX_VALUE;

  private final StateReader state;

  public StateEndpointView(StateReader state) {
    this.state = state;
  }

  @Override
  public Optional<RegistryEndpointEntry> endpoint(long id) {
    String json = state.get(Store.USERS, Store.REGISTRY_WIDE, EndpointFold.key(id));
    return Optional.ofNullable(EntryCodec.decode(json, RegistryEndpointEntry.class))
        .filter(e -> !e.deleted());
  }

  @Override
  public List<RegistryEndpointEntry> endpoints() {
    return all().stream().filter(e -> !e.deleted()).toList();
  }

  @Override
  public long highestEndpointId() {
    List<RegistryEndpointEntry> all = all();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).registryId();
  }

  /** Tombstones included, in id order (the keys are zero-padded ids). */
  private List<RegistryEndpointEntry> all() {
    return state
        .scan(Store.USERS, Store.REGISTRY_WIDE, Store.prefix(EndpointFold.KIND), null, ALL)
        .stream()
        .map(e -> EntryCodec.decode(e.getValue(), RegistryEndpointEntry.class))
        .toList();
  }
}

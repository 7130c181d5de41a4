package io.cairn.projection;

import io.cairn.events.RegistryEndpointCreated;
import io.cairn.events.RegistryEndpointDeleted;
import io.cairn.events.RegistryEndpointUpdated;
import io.cairn.events.RegistryEvent;
import java.util.List;
import java.util.Optional;

/**
 * The registry-endpoint part of the fold. Endpoints are registry-wide (event key {@link
 * Store#REGISTRY_WIDE}), so they live in {@link Store#USERS}, the store of that partition, under
 * {@link #key(long)}: a key with a {@link Store#SEP} in it, which no user name has.
 */
final class EndpointFold {
  /** The first key part of every endpoint row in {@link Store#USERS}. */
  static final String KIND = "registry-endpoint";

  private EndpointFold() {}

  /** The row of endpoint {@code id}; zero-padded, so rows sort by id. */
  static String key(long id) {
    return Store.key(KIND, String.format("%019d", id));
  }

  /** The changes for an endpoint event, or empty if {@code event} is not one. */
  static Optional<List<Change>> evolve(StateLookup state, RegistryEvent event) {
    Object payload = event.getPayload();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof RegistryEndpointCreated p) {
      return Optional.of(created(state, p, at));
    } else if (payload instanceof RegistryEndpointUpdated p) {
      return Optional.of(updated(state, p, at));
    } else if (payload instanceof RegistryEndpointDeleted p) {
      return Optional.of(deleted(state, p.getRegistryId(), at));
    }
    return Optional.empty();
  }

  /**
   * The first creation of an id wins: a replay, or a second writer racing for it, changes nothing.
   */
  private static List<Change> created(StateLookup state, RegistryEndpointCreated p, long at) {
    if (state.get(Store.USERS, key(p.getRegistryId())) != null) {
      return List.of();
    }
    RegistryEndpointEntry entry =
        new RegistryEndpointEntry(
            p.getRegistryId(),
            p.getName(),
            p.getType(),
            p.getUrl(),
            p.getDescription(),
            p.getInsecure(),
            p.getCredentialType(),
            p.getAccessKey(),
            p.getAccessSecret(),
            at,
            at,
            false);
    return List.of(put(entry));
  }

  private static List<Change> updated(StateLookup state, RegistryEndpointUpdated p, long at) {
    RegistryEndpointEntry old = live(state, p.getRegistryId());
    if (old == null) {
      return List.of();
    }
    RegistryEndpointEntry entry =
        new RegistryEndpointEntry(
            p.getRegistryId(),
            p.getName(),
            p.getType(),
            p.getUrl(),
            p.getDescription(),
            p.getInsecure(),
            p.getCredentialType(),
            p.getAccessKey(),
            p.getAccessSecret(),
            old.createdAt(),
            at,
            false);
    return List.of(put(entry));
  }

  private static List<Change> deleted(StateLookup state, long id, long at) {
    RegistryEndpointEntry old = live(state, id);
    return old == null ? List.of() : List.of(put(old.asDeleted(at)));
  }

  private static RegistryEndpointEntry live(StateLookup state, long id) {
    RegistryEndpointEntry entry =
        EntryCodec.decode(state.get(Store.USERS, key(id)), RegistryEndpointEntry.class);
    return entry == null || entry.deleted() ? null : entry;
  }

  private static Change put(RegistryEndpointEntry entry) {
    return new Change.Put(Store.USERS, key(entry.registryId()), EntryCodec.encode(entry));
  }
}

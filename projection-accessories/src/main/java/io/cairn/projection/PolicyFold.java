package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import io.cairn.events.ReplicationPolicyCreated;
import io.cairn.events.ReplicationPolicyDeleted;
import io.cairn.events.ReplicationPolicyUpdated;
import java.util.List;
import java.util.Optional;

/**
 * The replication-policy part of the fold. Policies are registry-wide (event key {@link
 * Store#REGISTRY_WIDE}), so they live in {@link Store#USERS} beside the registry endpoints they
 * name, under {@link #key(long)}: a key with a {@link Store#SEP} in it, which no user name has.
 */
final class PolicyFold {
  /** The first key part of every policy row in {@link Store#USERS}. */
  static final String KIND = "replication-policy";

  private PolicyFold() {}

  /** The row of policy {@code id}; zero-padded, so rows sort by id. */
  static String key(long id) {
    return Store.key(KIND, String.format("%019d", id));
  }

  /** The changes for a policy event, or empty if {@code event} is not one. */
  static Optional<List<Change>> evolve(StateLookup state, RegistryEvent event) {
    Object payload = event.getPayload();
    long at = event.getOccurredAt().toEpochMilli();
    if (payload instanceof ReplicationPolicyCreated p) {
      return Optional.of(created(state, p, at));
    } else if (payload instanceof ReplicationPolicyUpdated p) {
      return Optional.of(updated(state, p, at));
    } else if (payload instanceof ReplicationPolicyDeleted p) {
      return Optional.of(deleted(state, p.getPolicyId(), at));
    }
    return Optional.empty();
  }

  /**
   * The first creation of an id wins: a replay, or a second writer racing for it, changes nothing.
   */
  private static List<Change> created(StateLookup state, ReplicationPolicyCreated p, long at) {
    if (state.get(Store.USERS, key(p.getPolicyId())) != null) {
      return List.of();
    }
    return List.of(
        put(
            new ReplicationPolicyEntry(
                p.getPolicyId(),
                p.getName(),
                p.getDescription(),
                p.getSrcRegistryId(),
                p.getDestRegistryId(),
                p.getDestNamespace(),
                p.getDestNamespaceReplaceCount(),
                p.getTriggerType(),
                p.getCron(),
                p.getFilters(),
                p.getReplicateDeletion(),
                p.getOverride(),
                p.getEnabled(),
                p.getSpeed(),
                p.getCopyByChunk(),
                at,
                at,
                false)));
  }

  /** The event carries the whole new state; an update of no live policy changes nothing. */
  private static List<Change> updated(StateLookup state, ReplicationPolicyUpdated p, long at) {
    ReplicationPolicyEntry old = live(state, p.getPolicyId());
    if (old == null) {
      return List.of();
    }
    return List.of(
        put(
            new ReplicationPolicyEntry(
                p.getPolicyId(),
                p.getName(),
                p.getDescription(),
                p.getSrcRegistryId(),
                p.getDestRegistryId(),
                p.getDestNamespace(),
                p.getDestNamespaceReplaceCount(),
                p.getTriggerType(),
                p.getCron(),
                p.getFilters(),
                p.getReplicateDeletion(),
                p.getOverride(),
                p.getEnabled(),
                p.getSpeed(),
                p.getCopyByChunk(),
                old.createdAt(),
                at,
                false)));
  }

  private static List<Change> deleted(StateLookup state, long id, long at) {
    ReplicationPolicyEntry old = live(state, id);
    return old == null ? List.of() : List.of(put(old.asDeleted(at)));
  }

  private static ReplicationPolicyEntry live(StateLookup state, long id) {
    ReplicationPolicyEntry entry =
        EntryCodec.decode(state.get(Store.USERS, key(id)), ReplicationPolicyEntry.class);
    return entry == null || entry.deleted() ? null : entry;
  }

  private static Change put(ReplicationPolicyEntry entry) {
    return new Change.Put(Store.USERS, key(entry.policyId()), EntryCodec.encode(entry));
  }
}

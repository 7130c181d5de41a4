package io.cairn.projection;

/**
 * A replication policy (Harbor's {@code ReplicationPolicy}), as the events carry it. Exactly one of
 * {@code srcRegistryId} and {@code destRegistryId} is 0, which stands for this Cairn: a policy with
 * a {@code destRegistryId} pushes, one with a {@code srcRegistryId} pulls. {@code filters} is
 * Harbor's filter array as JSON text, checked when it was written. A deleted policy is kept as a
 * tombstone, so its id is never given again.
 */
public record ReplicationPolicyEntry(
    long policyId,
    String name,
    String description,
    long srcRegistryId,
    long destRegistryId,
    String destNamespace,
    int destNamespaceReplaceCount,
    String triggerType,
    String cron,
    String filters,
    boolean replicateDeletion,
    boolean override,
    boolean enabled,
    int speed,
    boolean copyByChunk,
    long createdAt,
    long updatedAt,
    boolean deleted) {

  /** Pushes this Cairn's artifacts to {@link #destRegistryId}; otherwise pulls into this Cairn. */
  public boolean pushes() {
    return destRegistryId != 0;
  }

  /** Whether this policy names endpoint {@code registryId} on either side. */
  public boolean uses(long registryId) {
    return registryId != 0 && (srcRegistryId == registryId || destRegistryId == registryId);
  }

  ReplicationPolicyEntry asDeleted(long at) {
    return new ReplicationPolicyEntry(
        policyId,
        name,
        description,
        srcRegistryId,
        destRegistryId,
        destNamespace,
        destNamespaceReplaceCount,
        triggerType,
        cron,
        filters,
        replicateDeletion,
        override,
        enabled,
        speed,
        copyByChunk,
        createdAt,
        at,
        true);
  }
}

package io.cairn.projection;

/**
 * A registry endpoint that replication pushes to or pulls from (Harbor's {@code Registry}), as the
 * events carry it. {@code accessSecret} is the sealed form ({@code sealed-v1$…}) or {@code null};
 * the fold copies it unread, and only the holder of the sealing key opens it. A deleted endpoint is
 * kept as a tombstone with no credential, so its id is never given again.
 */
public record RegistryEndpointEntry(
    long registryId,
    String name,
    String type,
    String url,
    String description,
    boolean insecure,
    String credentialType,
    String accessKey,
    String accessSecret,
    long createdAt,
    long updatedAt,
    boolean deleted) {

  RegistryEndpointEntry asDeleted(long at) {
    return new RegistryEndpointEntry(
        registryId, name, type, url, description, insecure, null, null, null, createdAt, at, true);
  }
}

package io.cairn.projection;

/**
 * A repository exists while it holds at least one manifest or blob link.
 *
 * @param createdAt event time of its first content (epoch millis)
 * @param updatedAt event time of its latest manifest or tag change (epoch millis)
 */
public record RepositoryEntry(
    String name, long manifests, long blobs, long createdAt, long updatedAt) {

  boolean isEmpty() {
    return manifests <= 0 && blobs <= 0;
  }
}

package io.cairn.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Harbor project with its metadata ({@code public}, {@code enable_content_trust}, …). */
public record ProjectEntry(
    String name, int projectId, Map<String, String> metadata, long createdAt, long updatedAt) {
  public ProjectEntry {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    updatedAt = Math.max(updatedAt, createdAt); // entries written before updates existed
  }

  public ProjectEntry(String name, int projectId, Map<String, String> metadata, long createdAt) {
    this(name, projectId, metadata, createdAt, createdAt);
  }

  public boolean isPublic() {
    return "true".equalsIgnoreCase(metadata.get("public"));
  }

  /** The metadata value under {@code key}, or {@code null}. */
  public String meta(String key) {
    return metadata.get(key);
  }

  ProjectEntry withMetadata(Map<String, String> set, List<String> removed, long at) {
    Map<String, String> next = new HashMap<>(metadata);
    removed.forEach(next::remove);
    next.putAll(set);
    return new ProjectEntry(name, projectId, next, createdAt, at);
  }
}

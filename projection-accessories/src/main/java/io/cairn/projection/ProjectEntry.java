package io.cairn.projection;

import java.util.Map;

/** A Harbor project with its metadata ({@code public}, {@code enable_content_trust}, …). */
public record ProjectEntry(
    String name, int projectId, Map<String, String> metadata, long createdAt) {
  public ProjectEntry {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public boolean isPublic() {
    return "true".equalsIgnoreCase(metadata.get("public"));
  }
}

package io.cairn.replication.policy;

import java.util.Arrays;

/**
 * Where a replicated repository lands: Harbor's {@code dest_namespace} and {@code
 * dest_namespace_replace_count}. With no namespace the name is kept. Otherwise the first {@code
 * replaceCount} path segments are replaced by the namespace ({@code a/b/c}, namespace {@code n}: 0
 * → {@code n/a/b/c}, 1 → {@code n/b/c}, 2 → {@code n/c}, 3 → {@code n}); a negative count is
 * Harbor's legacy rule, which keeps only the last segment ({@code n/c}).
 */
public record Destination(String namespace, int replaceCount) {
  /** Keeps every repository's name. */
  public static final Destination SAME = new Destination(null, -1);

  public Destination {
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
  }

  /**
   * @throws IllegalArgumentException if {@code replaceCount} asks for more segments than {@code
   *     repository} has
   */
  public String of(String repository) {
    if (namespace == null) {
      return repository;
    }
    String[] segments = repository.split("/");
    if (replaceCount < 0) {
      return namespace + "/" + segments[segments.length - 1];
    }
    if (replaceCount > segments.length) {
      throw new IllegalArgumentException(
          "repository "
              + repository
              + " has "
              + segments.length
              + " path segments, but the destination namespace replaces "
              + replaceCount);
    }
    if (replaceCount == segments.length) {
      return namespace;
    }
    return namespace
        + "/"
        + String.join("/", Arrays.copyOfRange(segments, replaceCount, segments.length));
  }
}

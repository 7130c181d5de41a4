package io.cairn.replication.execution;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a source holds in one repository, as a plan needs it.
 *
 * @param name the repository's name
 * @param tags every tag (subjects' and accessories') → the digest it names
 * @param nonImages digests known to be artifacts other than images (for Harbor's {@code resource}
 *     filter); every other digest counts as an image
 */
public record SourceRepository(String name, Map<String, String> tags, Set<String> nonImages) {
  public SourceRepository {
    Objects.requireNonNull(name, "name");
    tags = Map.copyOf(tags); // also refuses null tags and digests
    nonImages = Set.copyOf(nonImages);
  }

  /** When the kind of each artifact is not known cheaply: all count as images. */
  public SourceRepository(String name, Map<String, String> tags) {
    this(name, tags, Set.of());
  }
}

package io.cairn.projection;

import java.util.List;
import java.util.Map;

/**
 * A manifest as the projection knows it: what the API needs to serve and list it without reading
 * its bytes. {@code pushedAt} is the event time of its first push (epoch millis).
 */
public record ManifestEntry(
    String digest,
    String mediaType,
    long size,
    String artifactType,
    String configMediaType,
    String subject,
    List<String> layers,
    List<String> children,
    Map<String, String> annotations,
    long pushedAt) {

  public ManifestEntry {
    layers = layers == null ? List.of() : List.copyOf(layers);
    children = children == null ? List.of() : List.copyOf(children);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** The referrers API's artifact type: {@code artifactType}, else the config media type. */
  public String effectiveArtifactType() {
    return artifactType != null ? artifactType : configMediaType;
  }
}

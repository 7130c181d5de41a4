package io.cairn.oci;

import java.util.Map;

/** An OCI content descriptor as it appears inside a manifest. */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    String artifactType,
    Map<String, String> annotations) {
  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}

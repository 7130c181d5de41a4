package io.cairn.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of an image manifest or index that the registry interprets. The bytes themselves are
 * kept and served untouched elsewhere; this is only a reading of them.
 *
 * @param config the config descriptor, or {@code null} for an index
 * @param layers the layer descriptors (empty for an index)
 * @param manifests the child manifests of an index (empty for an image manifest)
 * @param subject the manifest this one refers to (OCI 1.1 referrers), or {@code null}
 */
public record Manifest(
    String mediaType,
    String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    List<Descriptor> manifests,
    Descriptor subject,
    Map<String, String> annotations) {

  /** The largest manifest body accepted, as the reference registry does. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  public Manifest {
    layers = List.copyOf(layers);
    manifests = List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * Reads a manifest body. {@code contentType} is the request's Content-Type, used when the body
   * has no {@code mediaType}. Throws {@code MANIFEST_INVALID} for anything that is not a manifest
   * of an accepted media type.
   */
  public static Manifest parse(byte[] body, String contentType) {
    return ManifestReader.read(body, contentType);
  }

  public boolean isIndex() {
    return MediaTypes.INDEXES.contains(mediaType);
  }

  /** The type the referrers API reports: {@code artifactType}, else the config's media type. */
  public String effectiveArtifactType() {
    if (artifactType != null) {
      return artifactType;
    }
    return config == null ? null : config.mediaType();
  }

  /** Blobs this manifest needs in its repository: config then layers. */
  public List<Descriptor> blobs() {
    List<Descriptor> all = new ArrayList<>(layers.size() + 1);
    if (config != null) {
      all.add(config);
    }
    all.addAll(layers);
    return all;
  }
}

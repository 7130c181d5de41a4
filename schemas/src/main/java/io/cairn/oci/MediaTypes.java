package io.cairn.oci;

import java.util.Set;

/** Media types the registry itself interprets (OCI image spec v1.1, Docker schema2). */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** Media types whose descriptors list other manifests rather than layers. */
  public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

  /** Every manifest media type the registry accepts on PUT. */
  public static final Set<String> MANIFESTS =
      Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}
}

package io.cairn.accessory;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, at manifest PUT, which subjects a manifest is an accessory of and as what. Pure: the
 * answer depends only on the pushed reference and the manifest, so a replay of the log, or another
 * site, classifies the same way.
 */
public final class AccessoryClassifier {
  static final String COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  static final String COSIGN_ARTIFACT_SIGNATURE = "application/vnd.dev.cosign.artifact.sig.v1+json";
  static final String SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";
  static final String BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
  static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
  static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
  static final String HARBOR_SBOM = "application/vnd.goharbor.harbor.sbom.v1";
  static final String NYDUS_BOOTSTRAP = "containerd.io/snapshot/nydus-bootstrap";
  static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** Cosign's tag scheme; the hex must be a whole sha256 digest, or the tag is an ordinary one. */
  private static final Pattern COSIGN_TAG =
      Pattern.compile("sha256-([a-f0-9]{64})\\.(sig|att|sbom)");

  /** The referrers tag schema (distribution-spec v1.1, for registries without the API). */
  private static final Pattern REFERRERS_TAG = Pattern.compile("sha256-([a-f0-9]{64})");

  private AccessoryClassifier() {}

  /**
   * The accessory links a manifest pushed as {@code reference} declares; empty for an ordinary
   * artifact.
   *
   * @param digest and {@code size}: the pushed manifest's own
   */
  public static List<AccessoryLink> classify(
      Reference reference, Manifest manifest, Digest digest, long size) {
    if (manifest.subject() != null) {
      return List.of(
          new AccessoryLink(
              manifest.subject().digest(),
              digest,
              size,
              bySubject(manifest),
              AccessoryLink.Via.SUBJECT));
    }
    if (!(reference instanceof Reference.ByTag byTag)) {
      return List.of();
    }
    String tag = byTag.tag().value();
    Matcher cosign = COSIGN_TAG.matcher(tag);
    if (cosign.matches()) {
      return byCosignTag(cosign.group(2), manifest)
          .map(
              type ->
                  List.of(
                      new AccessoryLink(
                          new Digest("sha256", cosign.group(1)),
                          digest,
                          size,
                          type,
                          AccessoryLink.Via.TAG)))
          .orElse(List.of());
    }
    Matcher referrers = REFERRERS_TAG.matcher(tag);
    if (referrers.matches() && manifest.isIndex()) {
      Digest subject = new Digest("sha256", referrers.group(1));
      List<AccessoryLink> links = new ArrayList<>();
      for (Descriptor entry : manifest.manifests()) {
        links.add(
            new AccessoryLink(
                subject,
                entry.digest(),
                entry.size(),
                byArtifactType(entry.artifactType(), entry.annotations()),
                AccessoryLink.Via.INDEX));
      }
      return List.copyOf(links);
    }
    return List.of();
  }

  private static AccessoryType bySubject(Manifest manifest) {
    String type = manifest.effectiveArtifactType();
    if ((OCI_IMAGE_CONFIG.equals(type) || DOCKER_IMAGE_CONFIG.equals(type)) && isNydus(manifest)) {
      return AccessoryType.ACCELERATOR_NYDUS;
    }
    return byArtifactType(type, manifest.annotations());
  }

  /** Harbor's rules for a referrer, with attestation bundles told apart from signatures. */
  private static AccessoryType byArtifactType(String type, Map<String, String> annotations) {
    if (type == null) {
      return AccessoryType.SUBJECT_ACCESSORY;
    }
    if (type.equals(NOTATION_SIGNATURE)) {
      return AccessoryType.SIGNATURE_NOTATION;
    }
    if (type.equals(COSIGN_ARTIFACT_SIGNATURE)) {
      return AccessoryType.SIGNATURE_COSIGN;
    }
    if (type.startsWith(SIGSTORE_BUNDLE_PREFIX)) {
      // Harbor counts every bundle as a signature; an in-toto attestation is not one.
      return COSIGN_SIGN_PREDICATE.equals(annotations.get(BUNDLE_PREDICATE_TYPE))
          ? AccessoryType.SIGNATURE_COSIGN
          : AccessoryType.ATTESTATION_COSIGN;
    }
    if (type.equals(HARBOR_SBOM)) {
      return AccessoryType.SBOM_HARBOR;
    }
    return AccessoryType.SUBJECT_ACCESSORY;
  }

  /** Harbor's test: the last layer carries the Nydus bootstrap annotation. */
  private static boolean isNydus(Manifest manifest) {
    List<Descriptor> layers = manifest.layers();
    return !layers.isEmpty()
        && layers.get(layers.size() - 1).annotations().containsKey(NYDUS_BOOTSTRAP);
  }

  /** A cosign tag is an accessory only if its layers are what cosign writes under that suffix. */
  private static Optional<AccessoryType> byCosignTag(String suffix, Manifest manifest) {
    List<Descriptor> layers = manifest.layers();
    if (manifest.isIndex() || layers.isEmpty()) {
      return Optional.empty();
    }
    return switch (suffix) {
      case "sig" ->
          allOf(layers, COSIGN_SIMPLE_SIGNING)
              ? Optional.of(AccessoryType.SIGNATURE_COSIGN)
              : Optional.empty();
      case "att" ->
          allOf(layers, DSSE_ENVELOPE)
              ? Optional.of(AccessoryType.ATTESTATION_COSIGN)
              : Optional.empty();
      default -> Optional.of(AccessoryType.SBOM_COSIGN); // SPDX, CycloneDX, syft…: any format
    };
  }

  private static boolean allOf(List<Descriptor> layers, String mediaType) {
    return layers.stream().allMatch(layer -> mediaType.equals(layer.mediaType()));
  }
}

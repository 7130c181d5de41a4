package io.cairn.accessory;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.Reference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, at manifest PUT, which subject a manifest is an accessory of and as what. Pure: the
 * answer depends only on the pushed reference and the manifest, so a replay of the log, or another
 * site, classifies the same way.
 *
 * <p>Strict by design: a type is given only to a manifest shaped as the tool that makes that type
 * writes it. Under content trust a signature may be pulled unsigned, so a manifest that merely
 * claims to be one (a cosign tag over image layers, a Notation artifact type over a tarball) is
 * typed as what it is — an ordinary artifact, or a plain {@code subject.accessory} — and gated like
 * one. A referrers tag-schema index ({@code sha256-<hex>}) links nothing: its entries are
 * accessories through their own {@code subject} field, and listing a manifest there must not make
 * it one.
 */
public final class AccessoryClassifier {
  static final String COSIGN_SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";
  static final String COSIGN_ARTIFACT_SIGNATURE = "application/vnd.dev.cosign.artifact.sig.v1+json";
  static final String SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";
  static final String BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
  static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";
  static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
  static final Set<String> NOTATION_ENVELOPES = Set.of("application/jose+json", "application/cose");
  static final String HARBOR_SBOM = "application/vnd.goharbor.harbor.sbom.v1";
  static final String NYDUS_BOOTSTRAP = "containerd.io/snapshot/nydus-bootstrap";
  static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** The document formats {@code cosign attach sbom} writes (media type before any parameter). */
  static final Set<String> SBOM_FORMATS =
      Set.of(
          "text/spdx",
          "text/spdx+json",
          "text/spdx+xml",
          "application/spdx+json",
          "application/vnd.cyclonedx",
          "application/vnd.cyclonedx+json",
          "application/vnd.cyclonedx+xml",
          "application/vnd.syft+json");

  /** Cosign's tag scheme; the hex must be a whole sha256 digest, or the tag is an ordinary one. */
  private static final Pattern COSIGN_TAG =
      Pattern.compile("sha256-([a-f0-9]{64})\\.(sig|att|sbom)");

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
    Matcher cosign = COSIGN_TAG.matcher(byTag.tag().value());
    if (!cosign.matches()) {
      return List.of();
    }
    Digest subject = new Digest("sha256", cosign.group(1));
    return byCosignTag(cosign.group(2), manifest)
        .map(type -> List.of(new AccessoryLink(subject, digest, size, type, AccessoryLink.Via.TAG)))
        .orElse(List.of());
  }

  private static AccessoryType bySubject(Manifest manifest) {
    String type = manifest.effectiveArtifactType();
    if ((OCI_IMAGE_CONFIG.equals(type) || DOCKER_IMAGE_CONFIG.equals(type)) && isNydus(manifest)) {
      return AccessoryType.ACCELERATOR_NYDUS;
    }
    if (type == null) {
      return AccessoryType.SUBJECT_ACCESSORY;
    }
    if (type.equals(NOTATION_SIGNATURE)) {
      return isNotationEnvelope(manifest)
          ? AccessoryType.SIGNATURE_NOTATION
          : AccessoryType.SUBJECT_ACCESSORY;
    }
    if (type.equals(COSIGN_ARTIFACT_SIGNATURE)) {
      return isCosignSignature(manifest)
          ? AccessoryType.SIGNATURE_COSIGN
          : AccessoryType.SUBJECT_ACCESSORY;
    }
    if (type.startsWith(SIGSTORE_BUNDLE_PREFIX)) {
      return bundle(type, manifest.annotations(), manifest.layers());
    }
    if (type.equals(HARBOR_SBOM)) {
      return AccessoryType.SBOM_HARBOR;
    }
    return AccessoryType.SUBJECT_ACCESSORY;
  }

  /**
   * Harbor counts every bundle as a signature; an in-toto attestation is not one, and neither is a
   * bundle manifest that does not hold exactly one bundle.
   */
  private static AccessoryType bundle(
      String type, Map<String, String> annotations, List<Descriptor> layers) {
    if (!COSIGN_SIGN_PREDICATE.equals(annotations.get(BUNDLE_PREDICATE_TYPE))) {
      return AccessoryType.ATTESTATION_COSIGN;
    }
    return layers.size() == 1 && type.equals(layers.get(0).mediaType())
        ? AccessoryType.SIGNATURE_COSIGN
        : AccessoryType.SUBJECT_ACCESSORY;
  }

  /** Harbor's test: the last layer carries the Nydus bootstrap annotation. */
  private static boolean isNydus(Manifest manifest) {
    List<Descriptor> layers = manifest.layers();
    return !layers.isEmpty()
        && layers.get(layers.size() - 1).annotations().containsKey(NYDUS_BOOTSTRAP);
  }

  /** A cosign tag is an accessory only if its layers are what cosign writes under that suffix. */
  private static Optional<AccessoryType> byCosignTag(String suffix, Manifest manifest) {
    if (manifest.isIndex() || manifest.layers().isEmpty()) {
      return Optional.empty();
    }
    boolean shaped =
        switch (suffix) {
          case "sig" -> isCosignSignature(manifest);
          case "att" -> allLayers(manifest, layer -> DSSE_ENVELOPE.equals(layer.mediaType()));
          default -> allLayers(manifest, layer -> SBOM_FORMATS.contains(baseType(layer)));
        };
    if (!shaped) {
      return Optional.empty();
    }
    return Optional.of(
        switch (suffix) {
          case "sig" -> AccessoryType.SIGNATURE_COSIGN;
          case "att" -> AccessoryType.ATTESTATION_COSIGN;
          default -> AccessoryType.SBOM_COSIGN;
        });
  }

  /** Every layer a simple-signing payload carrying its signature, as cosign writes them. */
  private static boolean isCosignSignature(Manifest manifest) {
    return !manifest.layers().isEmpty()
        && allLayers(
            manifest,
            layer ->
                COSIGN_SIMPLE_SIGNING.equals(layer.mediaType())
                    && layer.annotations().containsKey(COSIGN_SIGNATURE_ANNOTATION));
  }

  /** Exactly one JWS or COSE envelope, as notation writes it. */
  private static boolean isNotationEnvelope(Manifest manifest) {
    return manifest.layers().size() == 1
        && NOTATION_ENVELOPES.contains(manifest.layers().get(0).mediaType());
  }

  private static boolean allLayers(Manifest manifest, Predicate<Descriptor> test) {
    return manifest.layers().stream().allMatch(test);
  }

  /** {@code text/spdx; charset=utf-8} → {@code text/spdx}. */
  private static String baseType(Descriptor layer) {
    String type = layer.mediaType() == null ? "" : layer.mediaType();
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase();
  }
}

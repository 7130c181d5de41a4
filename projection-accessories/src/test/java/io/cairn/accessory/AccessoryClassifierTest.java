package io.cairn.accessory;

import static io.cairn.accessory.AccessoryClassifier.COSIGN_ARTIFACT_SIGNATURE;
import static io.cairn.accessory.AccessoryClassifier.COSIGN_SIGNATURE_ANNOTATION;
import static io.cairn.accessory.AccessoryClassifier.COSIGN_SIGN_PREDICATE;
import static io.cairn.accessory.AccessoryClassifier.COSIGN_SIMPLE_SIGNING;
import static io.cairn.accessory.AccessoryClassifier.DSSE_ENVELOPE;
import static io.cairn.accessory.AccessoryClassifier.HARBOR_SBOM;
import static io.cairn.accessory.AccessoryClassifier.NOTATION_SIGNATURE;
import static io.cairn.accessory.AccessoryClassifier.NYDUS_BOOTSTRAP;
import static io.cairn.accessory.AccessoryClassifier.OCI_IMAGE_CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.accessory.AccessoryLink.Via;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.Reference;
import io.cairn.oci.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every classification rule of the accessories issue, one row each. */
class AccessoryClassifierTest {
  static final String HEX = "81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final Digest SUBJECT = new Digest("sha256", HEX);
  static final Digest OTHER = new Digest("sha256", "3".repeat(64));
  static final Digest SELF = new Digest("sha256", "5".repeat(64));
  static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final String EMPTY = "application/vnd.oci.empty.v1+json";
  static final String TAR = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String SIGNED = "\"" + COSIGN_SIGNATURE_ANNOTATION + "\":\"MEUCIQ==\"";

  record Row(String reference, String manifest, List<AccessoryLink> expected) {}

  static Stream<Named<Row>> rows() {
    return Stream.of(
        row(
            "cosign .sig of simple-signing layers",
            tag(HEX, ".sig"),
            image(null, OCI_IMAGE_CONFIG, signed(2)),
            link(SUBJECT, AccessoryType.SIGNATURE_COSIGN, Via.TAG)),
        row(
            ".sig of simple-signing layers without cosign's signature annotation",
            tag(HEX, ".sig"),
            image(null, OCI_IMAGE_CONFIG, layers(COSIGN_SIMPLE_SIGNING))),
        row(
            ".sig where only one of two layers carries a signature",
            tag(HEX, ".sig"),
            image(
                null,
                OCI_IMAGE_CONFIG,
                "["
                    + layer(COSIGN_SIMPLE_SIGNING, SIGNED)
                    + ","
                    + layer(COSIGN_SIMPLE_SIGNING, "")
                    + "]")),
        row(
            ".sig whose layers are not cosign's",
            tag(HEX, ".sig"),
            image(null, OCI_IMAGE_CONFIG, layers(TAR))),
        row(
            ".sig with one cosign and one other layer",
            tag(HEX, ".sig"),
            image(null, OCI_IMAGE_CONFIG, layers(COSIGN_SIMPLE_SIGNING, TAR))),
        row(".sig with no layers", tag(HEX, ".sig"), image(null, OCI_IMAGE_CONFIG, "[]")),
        row(
            ".sig whose name is not a digest (63 hex)",
            "sha256-" + HEX.substring(1) + ".sig",
            image(null, OCI_IMAGE_CONFIG, signed(1))),
        row(
            ".sig whose name is not a digest (upper case)",
            "sha256-" + HEX.toUpperCase() + ".sig",
            image(null, OCI_IMAGE_CONFIG, signed(1))),
        row(
            ".sig under another algorithm",
            "sha512-" + HEX + ".sig",
            image(null, OCI_IMAGE_CONFIG, signed(1))),
        row(
            "cosign .att of DSSE envelopes",
            tag(HEX, ".att"),
            image(null, OCI_IMAGE_CONFIG, layers(DSSE_ENVELOPE)),
            link(SUBJECT, AccessoryType.ATTESTATION_COSIGN, Via.TAG)),
        row(
            ".att whose layers are not DSSE",
            tag(HEX, ".att"),
            image(null, OCI_IMAGE_CONFIG, layers(TAR))),
        row(
            "cosign .sbom (SPDX)",
            tag(HEX, ".sbom"),
            image(null, OCI_IMAGE_CONFIG, layers("text/spdx")),
            link(SUBJECT, AccessoryType.SBOM_COSIGN, Via.TAG)),
        row(
            "cosign .sbom (CycloneDX with a parameter)",
            tag(HEX, ".sbom"),
            image(null, OCI_IMAGE_CONFIG, layers("application/vnd.cyclonedx+json; version=1.5")),
            link(SUBJECT, AccessoryType.SBOM_COSIGN, Via.TAG)),
        row(
            ".sbom whose layers are an image's",
            tag(HEX, ".sbom"),
            image(null, OCI_IMAGE_CONFIG, layers(TAR))),
        row(
            ".sbom with one SBOM and one image layer",
            tag(HEX, ".sbom"),
            image(null, OCI_IMAGE_CONFIG, layers("text/spdx", TAR))),
        row(".sbom index", tag(HEX, ".sbom"), index(entry(OTHER, null, ""))),
        row(
            "cosign signature pushed by digest, no subject",
            SELF.toString(),
            image(null, OCI_IMAGE_CONFIG, signed(1))),
        row(
            "notation, OCI 1.1 form (artifactType)",
            SELF.toString(),
            withSubject(image(NOTATION_SIGNATURE, EMPTY, layers("application/jose+json"))),
            link(SUBJECT, AccessoryType.SIGNATURE_NOTATION, Via.SUBJECT)),
        row(
            "notation, 1.0 form (config.mediaType)",
            SELF.toString(),
            withSubject(image(null, NOTATION_SIGNATURE, layers("application/cose"))),
            link(SUBJECT, AccessoryType.SIGNATURE_NOTATION, Via.SUBJECT)),
        row(
            "notation type over an image layer is no signature",
            SELF.toString(),
            withSubject(image(NOTATION_SIGNATURE, EMPTY, layers(TAR))),
            link(SUBJECT, AccessoryType.SUBJECT_ACCESSORY, Via.SUBJECT)),
        row(
            "notation type with an envelope and a second layer is no signature",
            SELF.toString(),
            withSubject(image(NOTATION_SIGNATURE, EMPTY, layers("application/jose+json", TAR))),
            link(SUBJECT, AccessoryType.SUBJECT_ACCESSORY, Via.SUBJECT)),
        row(
            "cosign OCI 1.1 signature (config.mediaType)",
            SELF.toString(),
            withSubject(image(null, COSIGN_ARTIFACT_SIGNATURE, signed(1))),
            link(SUBJECT, AccessoryType.SIGNATURE_COSIGN, Via.SUBJECT)),
        row(
            "cosign artifact type over an image layer is no signature",
            SELF.toString(),
            withSubject(image(null, COSIGN_ARTIFACT_SIGNATURE, layers(TAR))),
            link(SUBJECT, AccessoryType.SUBJECT_ACCESSORY, Via.SUBJECT)),
        row(
            "sigstore bundle with the cosign sign predicate",
            SELF.toString(),
            withSubject(
                image(
                    BUNDLE,
                    EMPTY,
                    layers(BUNDLE),
                    "\"dev.sigstore.bundle.predicateType\":\"" + COSIGN_SIGN_PREDICATE + "\"")),
            link(SUBJECT, AccessoryType.SIGNATURE_COSIGN, Via.SUBJECT)),
        row(
            "sigstore bundle with the sign predicate over an image layer is no signature",
            SELF.toString(),
            withSubject(
                image(
                    BUNDLE,
                    EMPTY,
                    layers(TAR),
                    "\"dev.sigstore.bundle.predicateType\":\"" + COSIGN_SIGN_PREDICATE + "\"")),
            link(SUBJECT, AccessoryType.SUBJECT_ACCESSORY, Via.SUBJECT)),
        row(
            "sigstore bundle with an SLSA predicate is an attestation",
            SELF.toString(),
            withSubject(
                image(
                    BUNDLE,
                    EMPTY,
                    layers(BUNDLE),
                    "\"dev.sigstore.bundle.predicateType\":\"https://slsa.dev/provenance/v1\"")),
            link(SUBJECT, AccessoryType.ATTESTATION_COSIGN, Via.SUBJECT)),
        row(
            "sigstore bundle without a predicate type",
            SELF.toString(),
            withSubject(image(BUNDLE, EMPTY, layers(BUNDLE))),
            link(SUBJECT, AccessoryType.ATTESTATION_COSIGN, Via.SUBJECT)),
        row(
            "Harbor SBOM",
            SELF.toString(),
            withSubject(image(HARBOR_SBOM, EMPTY, layers("application/spdx+json"))),
            link(SUBJECT, AccessoryType.SBOM_HARBOR, Via.SUBJECT)),
        row(
            "Nydus bootstrap (last layer annotated)",
            "v1-nydus",
            withSubject(
                image(
                    null,
                    OCI_IMAGE_CONFIG,
                    "["
                        + layer(TAR, "")
                        + ","
                        + layer(TAR, "\"" + NYDUS_BOOTSTRAP + "\":\"true\"")
                        + "]")),
            link(SUBJECT, AccessoryType.ACCELERATOR_NYDUS, Via.SUBJECT)),
        row(
            "image with a subject, no Nydus annotation",
            "v1",
            withSubject(image(null, OCI_IMAGE_CONFIG, layers(TAR))),
            link(SUBJECT, AccessoryType.SUBJECT_ACCESSORY, Via.SUBJECT)),
        row(
            "unknown artifact type with a subject",
            SELF.toString(),
            withSubject(image("application/vnd.example.thing", EMPTY, layers(TAR))),
            link(SUBJECT, AccessoryType.SUBJECT_ACCESSORY, Via.SUBJECT)),
        row(
            "a subject wins over a cosign tag",
            tag(OTHER.hex(), ".sig"),
            withSubject(image(null, COSIGN_ARTIFACT_SIGNATURE, signed(1))),
            link(SUBJECT, AccessoryType.SIGNATURE_COSIGN, Via.SUBJECT)),
        row(
            "a referrers tag-schema index links none of its entries, whatever they claim",
            "sha256-" + HEX,
            index(
                entry(OTHER, NOTATION_SIGNATURE, ""),
                entry(
                    SELF,
                    BUNDLE,
                    "\"dev.sigstore.bundle.predicateType\":\"" + COSIGN_SIGN_PREDICATE + "\""))),
        row(
            "a plain manifest under a sha256- tag",
            "sha256-" + HEX,
            image(null, OCI_IMAGE_CONFIG, layers(TAR))),
        row("an index under an ordinary tag", "multi", index(entry(OTHER, null, ""))),
        row("an ordinary image", "latest", image(null, OCI_IMAGE_CONFIG, layers(TAR))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void classifies(Row row) {
    Reference reference =
        row.reference().startsWith("sha256:")
            ? new Reference.ByDigest(Digest.parse(row.reference()))
            : new Reference.ByTag(new Tag(row.reference()));
    Manifest manifest = Manifest.parse(row.manifest().getBytes(StandardCharsets.UTF_8), null);

    assertEquals(row.expected(), AccessoryClassifier.classify(reference, manifest, SELF, 558));
  }

  // ---- builders ----

  private static Named<Row> row(
      String name, String reference, String manifest, AccessoryLink... expected) {
    return Named.of(name, new Row(reference, manifest, List.of(expected)));
  }

  private static AccessoryLink link(Digest subject, AccessoryType type, Via via) {
    return new AccessoryLink(subject, SELF, 558, type, via);
  }

  private static String tag(String hex, String suffix) {
    return "sha256-" + hex + suffix;
  }

  private static String image(
      String artifactType, String configType, String layers, String... annotations) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\""
        + (artifactType == null ? "" : ",\"artifactType\":\"" + artifactType + "\"")
        + ",\"config\":{\"mediaType\":\""
        + configType
        + "\",\"digest\":\""
        + OTHER
        + "\",\"size\":2}"
        + ",\"layers\":"
        + layers
        + (annotations.length == 0
            ? ""
            : ",\"annotations\":{" + String.join(",", annotations) + "}")
        + "}";
  }

  private static String withSubject(String manifest) {
    return manifest.substring(0, manifest.length() - 1)
        + ",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + SUBJECT
        + "\",\"size\":402}}";
  }

  /** Layers as cosign writes a signature: simple-signing payloads, each with its signature. */
  private static String signed(int count) {
    return "["
        + String.join(
            ",", Stream.generate(() -> layer(COSIGN_SIMPLE_SIGNING, SIGNED)).limit(count).toList())
        + "]";
  }

  private static String layers(String... mediaTypes) {
    return "[" + String.join(",", Stream.of(mediaTypes).map(t -> layer(t, "")).toList()) + "]";
  }

  private static String layer(String mediaType, String annotations) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + OTHER
        + "\",\"size\":9"
        + (annotations.isEmpty() ? "" : ",\"annotations\":{" + annotations + "}")
        + "}";
  }

  private static String index(String... entries) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + String.join(",", entries)
        + "]}";
  }

  private static String entry(Digest digest, String artifactType, String annotations) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + digest
        + "\",\"size\":700"
        + (artifactType == null ? "" : ",\"artifactType\":\"" + artifactType + "\"")
        + (annotations.isEmpty() ? "" : ",\"annotations\":{" + annotations + "}")
        + "}";
  }
}

package io.cairn.ops.bench;

import io.cairn.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * One small image and its cosign tag-scheme signature, as bytes to push: the image a unique config
 * and a 1 KiB layer under {@code tag}, the signature the manifest cosign writes under {@code
 * sha256-<subject hex>.sig} (a simple-signing payload layer carrying the {@code
 * dev.cosignproject.cosign/signature} annotation). Cairn types {@code .sig} tags strictly, so the
 * shape must be cosign's for the signature to count as one; the signature value itself is random
 * bytes, since nothing verifies it when no trust policy is on.
 */
record SignedImage(
    String tag,
    byte[] manifest,
    List<byte[]> blobs,
    String signatureTag,
    byte[] signatureManifest,
    List<byte[]> signatureBlobs) {
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final int LAYER_BYTES = 1024;

  /** Image {@code tag} of run {@code run}: no two (run, tag) pairs share a config or a layer. */
  static SignedImage of(String run, String tag) {
    Random random = new Random((run + "/" + tag).hashCode());
    byte[] layer = new byte[LAYER_BYTES];
    random.nextBytes(layer);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"run\":\""
                + run
                + "\",\"tag\":\""
                + tag
                + "\"}}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] manifest =
        manifest(config, "application/vnd.oci.image.layer.v1.tar", layer, "")
            .getBytes(StandardCharsets.UTF_8);
    Digest subject = Digest.sha256(manifest);

    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\"bench/"
                + tag
                + "\"},\"image\":{\"docker-manifest-digest\":\""
                + subject
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] signature = new byte[70]; // an ECDSA P-256 signature's DER length
    random.nextBytes(signature);
    // cosign's config names the payload as the one layer's diff id
    byte[] signatureConfig =
        ("{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\""
                + Digest.sha256(payload)
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    String annotations =
        ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
            + Base64.getEncoder().encodeToString(signature)
            + "\"}";
    byte[] signatureManifest =
        manifest(
                signatureConfig,
                "application/vnd.dev.cosign.simplesigning.v1+json",
                payload,
                annotations)
            .getBytes(StandardCharsets.UTF_8);
    return new SignedImage(
        tag,
        manifest,
        List.of(layer, config),
        "sha256-" + subject.hex() + ".sig",
        signatureManifest,
        List.of(payload, signatureConfig));
  }

  Digest digest() {
    return Digest.sha256(manifest);
  }

  Digest signatureDigest() {
    return Digest.sha256(signatureManifest);
  }

  private static String manifest(
      byte[] config, String layerType, byte[] layer, String layerAnnotations) {
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + MANIFEST
        + "\",\"config\":{\"mediaType\":\""
        + CONFIG
        + "\",\"digest\":\""
        + Digest.sha256(config)
        + "\",\"size\":"
        + config.length
        + "},\"layers\":[{\"mediaType\":\""
        + layerType
        + "\",\"digest\":\""
        + Digest.sha256(layer)
        + "\",\"size\":"
        + layer.length
        + layerAnnotations
        + "}]}";
  }
}

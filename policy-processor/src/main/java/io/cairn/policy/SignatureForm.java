package io.cairn.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.accessory.AccessoryType;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Manifest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a signature manifest holds, byte for byte, what a signing tool writes — not whether it
 * verifies. Under content trust a signature is the one thing a reader may pull unsigned (a client
 * must fetch it to verify it), so "it is a signature" has to be a claim about its bytes: small JSON
 * payloads or envelopes, never an image layer under a signature's media type.
 *
 * <p>Accepted: Cosign simple-signing payloads (tag scheme and OCI 1.1 form), one Sigstore bundle
 * (cosign v3), and one Notation envelope (JWS JSON serialization or COSE_Sign1). A payload signing
 * another manifest is still a signature (of the wrong subject): its verdict says so, its bytes are
 * harmless. Pure and thread-safe.
 */
public final class SignatureForm {
  /** Real payloads and envelopes are a few KiB; anything bigger is not what a signer writes. */
  public static final long MAX_BLOB_BYTES = 64 * 1024;

  private static final String SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** CBOR tag 18 (COSE_Sign1) followed by an array of four items. */
  private static final byte COSE_SIGN1_TAG = (byte) 0xD2;

  private static final byte CBOR_ARRAY_OF_FOUR = (byte) 0x84;

  private SignatureForm() {}

  /**
   * Why {@code manifest} is not a well-formed signature of {@code type}, or empty if it is. Blobs
   * are read from {@code blobs}, at most {@link #MAX_BLOB_BYTES} each, and checked against their
   * digests.
   */
  public static Optional<String> problem(AccessoryType type, Manifest manifest, BlobSource blobs) {
    try {
      if (manifest.isIndex()) {
        throw Rejection.invalid("an index is not a signature");
      }
      if (manifest.config() != null) {
        SignatureBlobs.read(blobs, manifest.config(), "config", MAX_BLOB_BYTES);
      }
      switch (type) {
        case SIGNATURE_COSIGN -> cosign(manifest, blobs);
        case SIGNATURE_NOTATION -> notation(manifest, blobs);
        default -> throw Rejection.invalid(type.wireName() + " is not a signature type");
      }
      return Optional.empty();
    } catch (Rejection e) {
      return Optional.of(e.getMessage());
    }
  }

  private static void cosign(Manifest manifest, BlobSource blobs) throws Rejection {
    String artifactType = manifest.effectiveArtifactType();
    if (artifactType != null && artifactType.startsWith(SIGSTORE_BUNDLE_PREFIX)) {
      bundle(only(manifest.layers(), "a Sigstore bundle"), blobs);
      return;
    }
    if (manifest.layers().isEmpty()) {
      throw Rejection.invalid("a Cosign signature has at least one payload layer");
    }
    for (Descriptor layer : manifest.layers()) {
      if (!CosignVerifier.SIMPLE_SIGNING.equals(layer.mediaType())
          || !layer.annotations().containsKey(CosignVerifier.SIGNATURE_ANNOTATION)) {
        throw Rejection.invalid(
            "layer " + layer.digest() + " is not a signed simple-signing payload");
      }
      SimpleSigningPayload.manifestDigest(
          SignatureBlobs.read(blobs, layer, "payload", MAX_BLOB_BYTES));
    }
  }

  private static void bundle(Descriptor layer, BlobSource blobs) throws Rejection {
    if (layer.mediaType() == null || !layer.mediaType().startsWith(SIGSTORE_BUNDLE_PREFIX)) {
      throw Rejection.invalid("layer " + layer.digest() + " is not a Sigstore bundle");
    }
    JsonNode root = json(SignatureBlobs.read(blobs, layer, "bundle", MAX_BLOB_BYTES), "bundle");
    boolean signed =
        root.path("dsseEnvelope").isObject() || root.path("messageSignature").isObject();
    if (!root.path("verificationMaterial").isObject() || !signed) {
      throw Rejection.invalid("bundle has no verification material or no signature");
    }
  }

  private static void notation(Manifest manifest, BlobSource blobs) throws Rejection {
    if (!NotationVerifier.isSignatureManifest(manifest)) {
      throw Rejection.invalid("not a Notation signature manifest");
    }
    Descriptor layer = only(manifest.layers(), "a Notation envelope");
    byte[] bytes = SignatureBlobs.read(blobs, layer, "envelope", MAX_BLOB_BYTES);
    if (NotationVerifier.JWS.equals(layer.mediaType())) {
      JsonNode root = json(bytes, "envelope");
      for (String member : List.of("payload", "protected", "signature")) {
        if (!root.path(member).isTextual()) {
          throw Rejection.invalid("JWS envelope has no '" + member + "'");
        }
      }
    } else if (NotationVerifier.COSE.equals(layer.mediaType())) {
      if (bytes.length < 2 || bytes[0] != COSE_SIGN1_TAG || bytes[1] != CBOR_ARRAY_OF_FOUR) {
        throw Rejection.invalid("COSE envelope is not a tagged COSE_Sign1 structure");
      }
    } else {
      throw Rejection.invalid("layer type " + layer.mediaType() + " is not a signature envelope");
    }
  }

  private static Descriptor only(List<Descriptor> layers, String what) throws Rejection {
    if (layers.size() != 1) {
      throw Rejection.invalid("expected exactly one layer, " + what + "; found " + layers.size());
    }
    return layers.get(0);
  }

  private static JsonNode json(byte[] bytes, String what) throws Rejection {
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || !root.isObject()) {
        throw Rejection.invalid(what + " is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw Rejection.invalid(what + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw Rejection.invalid(what + " could not be read: " + e.getMessage());
    }
  }
}

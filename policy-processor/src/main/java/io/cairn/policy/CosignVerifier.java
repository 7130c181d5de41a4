package io.cairn.policy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a Cosign signature manifest against a project's trusted public keys, as {@code cosign
 * verify --key} and Harbor do. The tag-scheme form ({@code sha256-<hex>.sig}) and the OCI 1.1 form
 * (a {@code subject} field) carry the same layers, so both are read the same way; the caller says
 * which subject the manifest is attached to.
 *
 * <p>Each {@value #SIMPLE_SIGNING} layer is one signature: its payload blob must match the layer
 * digest, the {@value #SIGNATURE_ANNOTATION} annotation must verify over the payload with a trusted
 * key, and the payload's {@code docker-manifest-digest} must be the subject. One such layer makes
 * the manifest valid. Otherwise the verdict is the most informative failure: {@code wrong-subject}
 * (a trusted key signed another manifest), then {@code invalid-signature} (provably broken), then
 * {@code untrusted-key}.
 *
 * <p>A well-formed signature that no trusted key verifies is {@code untrusted-key}, never {@code
 * invalid-signature}: a key-only signature carries nothing that says which key made it, and for any
 * signature and any key some message verifies, so "made by another key" and "made by this key over
 * bytes since altered" cannot be told apart. The payload digest check still catches bytes altered
 * after the manifest was written.
 *
 * <p>Immutable and thread-safe; {@link #verify} is a pure function of its arguments and the keys.
 */
public final class CosignVerifier {
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  private final List<TrustedKey> keys;

  public CosignVerifier(List<TrustedKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * The verdict on {@code signature}, the signature manifest stored as {@code signatureDigest}, as
   * a signature of {@code subject}. Blobs are read from {@code blobs}.
   */
  public SignatureVerdict verify(
      Digest subject, Digest signatureDigest, Manifest signature, BlobSource blobs) {
    Objects.requireNonNull(subject, "subject");
    List<SignatureVerdict> layers = new ArrayList<>();
    for (int i = 0; i < signature.layers().size(); i++) {
      Descriptor layer = signature.layers().get(i);
      if (!SIMPLE_SIGNING.equals(layer.mediaType())) {
        continue;
      }
      SignatureVerdict verdict = verifyLayer(subject, signatureDigest, layer, blobs);
      layers.add(
          SignatureVerdict.of(
              signatureDigest,
              verdict.outcome(),
              verdict.verifiedBy(),
              "layer " + i + ": " + verdict.reason()));
    }
    if (layers.isEmpty()) {
      return SignatureVerdict.of(
          signatureDigest,
          Outcome.INVALID_SIGNATURE,
          null,
          "no " + SIMPLE_SIGNING + " layer: not a Cosign signature manifest");
    }
    return layers.stream().min(Comparator.comparingInt(v -> rank(v.outcome()))).orElseThrow();
  }

  private static int rank(Outcome outcome) {
    return switch (outcome) {
      case VALID -> 0;
      case WRONG_SUBJECT -> 1;
      case INVALID_SIGNATURE -> 2;
      default -> 3;
    };
  }

  private SignatureVerdict verifyLayer(
      Digest subject, Digest signatureDigest, Descriptor layer, BlobSource blobs) {
    try {
      byte[] signatureBytes = signatureBytes(layer);
      byte[] payload = SignatureBlobs.read(blobs, layer, "payload");
      TrustedKey signer = signer(payload, signatureBytes);
      Digest signed = SimpleSigningPayload.manifestDigest(payload);
      if (!signed.equals(subject)) {
        return SignatureVerdict.of(
            signatureDigest,
            Outcome.WRONG_SUBJECT,
            signer.name(),
            "signed by " + signer.name() + " for " + signed + ", not for " + subject);
      }
      return SignatureVerdict.of(
          signatureDigest, Outcome.VALID, signer.name(), "verified by " + signer.name());
    } catch (Rejection r) {
      return SignatureVerdict.rejected(signatureDigest, r);
    }
  }

  private static byte[] signatureBytes(Descriptor layer) throws Rejection {
    String annotation = layer.annotations().get(SIGNATURE_ANNOTATION);
    if (annotation == null || annotation.isEmpty()) {
      throw Rejection.invalid("no " + SIGNATURE_ANNOTATION + " annotation");
    }
    try {
      return Base64.getDecoder().decode(annotation);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid(SIGNATURE_ANNOTATION + " is not base64: " + e.getMessage());
    }
  }

  /** The first trusted key whose signature check passes. */
  private TrustedKey signer(byte[] payload, byte[] signature) throws Rejection {
    if (keys.isEmpty()) {
      throw new Rejection(Outcome.UNTRUSTED_KEY, "the project trusts no Cosign keys");
    }
    boolean wellFormed = false;
    for (TrustedKey key : keys) {
      try {
        if (verifies(key.key(), payload, signature)) {
          return key;
        }
        wellFormed = true;
      } catch (SignatureException e) {
        // Malformed for this key's algorithm (e.g. not DER ECDSA); another key type may accept it.
      }
    }
    if (!wellFormed) {
      throw Rejection.invalid("signature is not a well-formed signature for any trusted key type");
    }
    throw new Rejection(
        Outcome.UNTRUSTED_KEY,
        "signature does not verify with any trusted key ("
            + String.join(", ", keys.stream().map(TrustedKey::name).toList())
            + "): another key made it, or the payload changed after signing;"
            + " a key-only signature cannot tell the two apart");
  }

  /** Cosign's algorithms for key-based signatures: SHA-256 with ECDSA or RSA PKCS#1, or Ed25519. */
  private static boolean verifies(PublicKey key, byte[] payload, byte[] signature)
      throws SignatureException {
    try {
      Signature verifier = Signature.getInstance(algorithm(key));
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides " + algorithm(key), e);
    }
  }

  private static String algorithm(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> "Ed25519";
    };
  }
}

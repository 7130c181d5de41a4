package io.cairn.policy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies Notary Project (Notation) signatures against a trust policy and its trust stores, with
 * the steps and levels of the Notary Project trust policy spec and notation-go.
 *
 * <p>Accepted: signature manifests in both forms notation writes (notation 1.0: {@code
 * config.mediaType} {@value #SIGNATURE_TYPE}; OCI 1.1: {@code artifactType} {@value
 * #SIGNATURE_TYPE}) with one {@value #JWS} envelope layer; {@code notary.x509} and {@code
 * notary.x509.signingAuthority} schemes; PS256/384/512 and ES256/384/512.
 *
 * <p>Not supported, and documented as such: COSE envelopes (invalid-signature), RFC 3161 timestamp
 * countersignatures (ignored, so a {@code notary.x509} chain must be valid at {@code now}),
 * revocation checks (Cairn has no OCSP/CRL access here; {@code revocation} actions have no effect)
 * and verification plugins (their critical headers are not understood, so such envelopes fail
 * integrity). The subject is compared by digest only: the digest fixes the manifest bytes.
 *
 * <p>Immutable and thread-safe; {@code now} is a parameter so that verdicts are reproducible.
 */
public final class NotationVerifier {
  public static final String SIGNATURE_TYPE = "application/vnd.cncf.notary.signature";
  public static final String JWS = "application/jose+json";
  static final String COSE = "application/cose";

  private final NotationTrustPolicy policy;
  private final Map<String, List<X509Certificate>> trustStores;

  /**
   * @param trustStores certificates by the reference statements use, e.g. {@code ca:acme}; every
   *     {@code ca} and {@code signingAuthority} store the policy names must be present and
   *     non-empty
   */
  public NotationVerifier(
      NotationTrustPolicy policy, Map<String, List<X509Certificate>> trustStores) {
    this.policy = policy;
    Map<String, List<X509Certificate>> copy = new LinkedHashMap<>();
    trustStores.forEach((name, certs) -> copy.put(name, List.copyOf(certs)));
    this.trustStores = Map.copyOf(copy);
    for (TrustPolicyStatement statement : policy.statements()) {
      for (String ref : statement.trustStores()) {
        boolean used = ref.startsWith("ca:") || ref.startsWith("signingAuthority:");
        if (used && this.trustStores.getOrDefault(ref, List.of()).isEmpty()) {
          throw new TrustMaterialException(
              "trust store '"
                  + ref
                  + "' of trust policy statement '"
                  + statement.name()
                  + "' has no certificates");
        }
      }
    }
  }

  /** True for a manifest in either form of a Notation signature. */
  public static boolean isSignatureManifest(Manifest manifest) {
    if (manifest.artifactType() != null) {
      return SIGNATURE_TYPE.equals(manifest.artifactType());
    }
    return manifest.config() != null && SIGNATURE_TYPE.equals(manifest.config().mediaType());
  }

  /**
   * The verdict on {@code signature} (stored as {@code signatureDigest} in {@code repository}) as a
   * signature of {@code subject}, at time {@code now}. The envelope is read from {@code blobs}.
   */
  public SignatureVerdict verify(
      String repository,
      Digest subject,
      Digest signatureDigest,
      Manifest signature,
      BlobSource blobs,
      Instant now) {
    Optional<TrustPolicyStatement> statement = policy.statementFor(repository);
    Optional<SignatureVerdict> early = withoutVerification(statement, repository, signatureDigest);
    if (early.isPresent()) {
      return early.get();
    }
    byte[] envelope;
    try {
      envelope = SignatureBlobs.read(blobs, envelopeLayer(signature), "signature envelope");
    } catch (Rejection r) {
      return SignatureVerdict.of(
          signatureDigest, r.outcome(), null, "integrity validation failed: " + r.getMessage());
    }
    return NotationChecks.run(
        statement.orElseThrow(), trustStores, subject, signatureDigest, envelope, now);
  }

  /**
   * Verifies a bare envelope, as if attached to {@code subject} in {@code repository}; the
   * verdict's digest is the envelope's. For envelopes that arrive without a manifest.
   */
  public SignatureVerdict verifyEnvelope(
      String repository, Digest subject, byte[] envelope, Instant now) {
    Digest digest = Digest.sha256(envelope);
    Optional<TrustPolicyStatement> statement = policy.statementFor(repository);
    return withoutVerification(statement, repository, digest)
        .orElseGet(
            () ->
                NotationChecks.run(
                    statement.orElseThrow(), trustStores, subject, digest, envelope, now));
  }

  /** A verdict reached before any check: no statement applies, or the statement skips. */
  private static Optional<SignatureVerdict> withoutVerification(
      Optional<TrustPolicyStatement> statement, String repository, Digest signature) {
    if (statement.isEmpty()) {
      return Optional.of(
          SignatureVerdict.of(
              signature,
              Outcome.UNTRUSTED_KEY,
              null,
              "no trust policy statement applies to repository '" + repository + "'"));
    }
    if (statement.get().level() == VerificationLevel.SKIP) {
      return Optional.of(
          SignatureVerdict.of(
              signature,
              Outcome.SKIPPED,
              null,
              "trust policy statement '" + statement.get().name() + "' skips verification"));
    }
    return Optional.empty();
  }

  private static Descriptor envelopeLayer(Manifest signature) throws Rejection {
    if (!isSignatureManifest(signature)) {
      throw Rejection.invalid("not a Notation signature manifest (no " + SIGNATURE_TYPE + " type)");
    }
    if (signature.layers().size() != 1) {
      throw Rejection.invalid(
          "a Notation signature manifest has exactly one envelope layer, this one has "
              + signature.layers().size());
    }
    Descriptor layer = signature.layers().get(0);
    if (COSE.equals(layer.mediaType())) {
      throw Rejection.invalid("COSE signature envelopes are not supported, only " + JWS);
    }
    if (!JWS.equals(layer.mediaType())) {
      throw Rejection.invalid("layer type " + layer.mediaType() + " is not a signature envelope");
    }
    return layer;
  }
}

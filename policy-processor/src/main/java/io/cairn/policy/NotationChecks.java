package io.cairn.policy;

import io.cairn.oci.Digest;
import io.cairn.policy.VerificationLevel.Action;
import io.cairn.policy.VerificationLevel.Check;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The Notary Project verification steps for one envelope, in notation-go's order: integrity,
 * authenticity (trust store, then trusted identity), expiry, authentic timestamp; then the
 * payload's target must be the subject. Each step's failure is enforced or only logged as the
 * policy statement says; integrity is always enforced.
 */
final class NotationChecks {
  private NotationChecks() {}

  static SignatureVerdict run(
      TrustPolicyStatement statement,
      Map<String, List<X509Certificate>> stores,
      Digest subject,
      Digest signatureDigest,
      byte[] envelopeBytes,
      Instant now) {
    JwsEnvelope envelope;
    try {
      envelope = integrity(envelopeBytes);
    } catch (Rejection r) {
      return SignatureVerdict.of(
          signatureDigest, r.outcome(), null, "integrity validation failed: " + r.getMessage());
    }
    String signer = describe(envelope.leaf());
    List<String> warnings = new ArrayList<>();
    try {
      apply(statement, Check.AUTHENTICITY, authenticity(statement, stores, envelope), warnings);
      apply(statement, Check.AUTHENTICITY, identity(statement, envelope), warnings);
      apply(statement, Check.EXPIRY, expiry(envelope, now), warnings);
      apply(statement, Check.AUTHENTIC_TIMESTAMP, authenticTimestamp(envelope, now), warnings);
    } catch (Rejection r) {
      String by = r.outcome() == Outcome.UNTRUSTED_KEY ? null : signer;
      return new SignatureVerdict(signatureDigest, r.outcome(), by, r.getMessage(), warnings);
    }
    if (!envelope.target().equals(subject)) {
      return new SignatureVerdict(
          signatureDigest,
          Outcome.WRONG_SUBJECT,
          signer,
          "signed by " + signer + " for " + envelope.target() + ", not for " + subject,
          warnings);
    }
    return new SignatureVerdict(
        signatureDigest, Outcome.VALID, signer, "verified: signed by " + signer, warnings);
  }

  private static void apply(
      TrustPolicyStatement statement,
      Check check,
      Optional<Rejection> failure,
      List<String> warnings)
      throws Rejection {
    if (failure.isEmpty()) {
      return;
    }
    Action action = statement.action(check);
    if (action == Action.ENFORCE) {
      throw failure.get();
    }
    if (action == Action.LOG) {
      warnings.add(failure.get().getMessage());
    }
  }

  /** The envelope is well formed, its leaf made the signature and its chain is sound. */
  private static JwsEnvelope integrity(byte[] bytes) throws Rejection {
    JwsEnvelope envelope = JwsEnvelope.parse(bytes);
    String mismatch = envelope.alg().keyMismatch(envelope.leaf().getPublicKey());
    if (mismatch != null) {
      throw Rejection.invalid(mismatch);
    }
    if (!envelope
        .alg()
        .verify(envelope.leaf().getPublicKey(), envelope.signingInput(), envelope.signature())) {
      throw Rejection.invalid(
          "the "
              + envelope.alg()
              + " signature does not verify with the signing certificate's key");
    }
    CodeSigningChain.validate(envelope.chain());
    return envelope;
  }

  /**
   * Trusted when a certificate of the chain is byte-for-byte a certificate of one of the
   * statement's trust stores (notation-core-go {@code VerifyAuthenticity}). Comparing public keys
   * would also trust a different certificate, with other names and usages, for the same key.
   */
  private static Optional<Rejection> authenticity(
      TrustPolicyStatement statement,
      Map<String, List<X509Certificate>> stores,
      JwsEnvelope envelope) {
    String type = envelope.signingScheme().equals(JwsEnvelope.X509) ? "ca" : "signingAuthority";
    List<String> refs = statement.trustStores(type);
    for (String ref : refs) {
      for (X509Certificate trusted : stores.getOrDefault(ref, List.of())) {
        for (X509Certificate cert : envelope.chain()) {
          if (Arrays.equals(der(trusted), der(cert))) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.of(
        new Rejection(
            Outcome.UNTRUSTED_KEY,
            "authenticity validation failed: no certificate of the chain of "
                + describe(envelope.leaf())
                + " is in the "
                + type
                + " trust stores "
                + refs
                + " of trust policy statement '"
                + statement.name()
                + "'"));
  }

  private static Optional<Rejection> identity(
      TrustPolicyStatement statement, JwsEnvelope envelope) {
    X500Principal subject = envelope.leaf().getSubjectX500Principal();
    if (statement.trustsIdentity(subject)) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            Outcome.UNTRUSTED_IDENTITY,
            "authenticity validation failed: signing certificate subject '"
                + subject.getName(X500Principal.RFC2253)
                + "' is not a trusted identity of trust policy statement '"
                + statement.name()
                + "'"));
  }

  private static Optional<Rejection> expiry(JwsEnvelope envelope, Instant now) {
    if (envelope.expiry() == null || now.isBefore(envelope.expiry())) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            Outcome.EXPIRED_SIGNATURE,
            "expiry validation failed: digital signature has expired on " + envelope.expiry()));
  }

  /**
   * Under {@code notary.x509} the signing time is only the signer's claim, and Cairn verifies no
   * RFC 3161 countersignature, so, as notation-go does for a signature without a timestamp, every
   * certificate must be valid now. Under {@code notary.x509.signingAuthority} the signing time is
   * authentic, so every certificate must have been valid then.
   */
  private static Optional<Rejection> authenticTimestamp(JwsEnvelope envelope, Instant now) {
    boolean authority = envelope.signingScheme().equals(JwsEnvelope.SIGNING_AUTHORITY);
    Instant at = authority ? envelope.signingTime() : now;
    for (X509Certificate cert : envelope.chain()) {
      Instant from = cert.getNotBefore().toInstant();
      Instant to = cert.getNotAfter().toInstant();
      if (at.isBefore(from) || at.isAfter(to)) {
        return Optional.of(
            new Rejection(
                Outcome.EXPIRED_CERTIFICATE,
                "authenticTimestamp validation failed: certificate "
                    + CodeSigningChain.subject(cert)
                    + " is valid from "
                    + from
                    + " to "
                    + to
                    + ", not at "
                    + (authority ? "the authentic signing time " : "the verification time ")
                    + at));
      }
    }
    return Optional.empty();
  }

  static String describe(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName(X500Principal.RFC2253)
        + " (sha256 "
        + Digest.sha256(der(cert)).hex()
        + ")";
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate re-encodes", e);
    }
  }
}

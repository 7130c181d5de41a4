package io.cairn.policy;

import io.cairn.oci.Digest;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one signature accessory. It is a value, not an exception, so that every signature
 * of a subject gets a verdict and the policy can show why each one failed.
 *
 * @param signatureDigest the signature manifest (or, for a bare envelope, the envelope bytes)
 * @param outcome what verification concluded
 * @param verifiedBy who made the signature: the trusted key's name (Cosign), or the signing
 *     certificate's subject and SHA-256 fingerprint (Notation, whose envelope carries the
 *     certificate; under an audit policy its chain may be untrusted, which the warnings say);
 *     {@code null} when the outcome is untrusted-key or nothing could be verified
 * @param reason a sentence a user can act on; never {@code null}
 * @param warnings checks the trust policy only logs (Notation permissive and audit levels)
 */
public record SignatureVerdict(
    Digest signatureDigest,
    Outcome outcome,
    String verifiedBy,
    String reason,
    List<String> warnings) {

  public SignatureVerdict {
    Objects.requireNonNull(signatureDigest, "signatureDigest");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    warnings = List.copyOf(warnings);
  }

  static SignatureVerdict of(Digest signature, Outcome outcome, String verifiedBy, String reason) {
    return new SignatureVerdict(signature, outcome, verifiedBy, reason, List.of());
  }

  static SignatureVerdict rejected(Digest signature, Rejection rejection) {
    return of(signature, rejection.outcome(), null, rejection.getMessage());
  }

  public boolean isValid() {
    return outcome == Outcome.VALID;
  }
}

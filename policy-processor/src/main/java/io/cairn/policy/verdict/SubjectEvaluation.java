package io.cairn.policy.verdict;

import io.cairn.events.SignatureCheck;
import io.cairn.events.SignatureKind;
import io.cairn.events.TrustEvaluated;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.OciException;
import io.cairn.policy.BlobSource;
import io.cairn.policy.SignatureVerdict;
import io.cairn.projection.AccessoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one subject: each of its signature accessories verified against the project's
 * trust. A signature whose manifest is gone or unreadable fails with that reason; nothing here
 * throws for bad content.
 */
final class SubjectEvaluation {
  static final String COSIGN = "signature.cosign";
  static final String NOTATION = "signature.notation";

  private SubjectEvaluation() {}

  static TrustEvaluated evaluate(
      ProjectTrust trust,
      String repository,
      String subject,
      List<AccessoryEntry> accessories,
      BlobSource blobs,
      Instant now) {
    List<SignatureCheck> checks = new ArrayList<>();
    for (AccessoryEntry accessory : accessories) {
      if (accessory.type().equals(COSIGN)) {
        checks.add(check(trust, repository, subject, accessory, SignatureKind.COSIGN, blobs, now));
      } else if (accessory.type().equals(NOTATION)) {
        checks.add(
            check(trust, repository, subject, accessory, SignatureKind.NOTATION, blobs, now));
      }
    }
    return new TrustEvaluated(subject, trust.generation(), checks);
  }

  private static SignatureCheck check(
      ProjectTrust trust,
      String repository,
      String subject,
      AccessoryEntry accessory,
      SignatureKind kind,
      BlobSource blobs,
      Instant now) {
    String digest = accessory.digest();
    String unusable =
        kind == SignatureKind.COSIGN ? trust.noCosignReason() : trust.noNotationReason();
    if (unusable != null) {
      return failed(digest, kind, "untrusted-key", unusable);
    }
    Optional<byte[]> bytes = blobs.read(Digest.parse(digest));
    if (bytes.isEmpty()) {
      return failed(digest, kind, "invalid-signature", "the signature manifest is not stored");
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(bytes.get(), accessory.mediaType());
    } catch (OciException e) {
      return failed(digest, kind, "invalid-signature", "unreadable manifest: " + e.getMessage());
    }
    SignatureVerdict verdict =
        kind == SignatureKind.COSIGN
            ? trust.cosign().verify(Digest.parse(subject), Digest.parse(digest), manifest, blobs)
            : trust
                .notation()
                .verify(
                    repository, Digest.parse(subject), Digest.parse(digest), manifest, blobs, now);
    return new SignatureCheck(
        digest,
        kind,
        verdict.outcome().word(),
        verdict.verifiedBy(),
        verdict.reason(),
        verdict.warnings());
  }

  private static SignatureCheck failed(
      String digest, SignatureKind kind, String outcome, String reason) {
    return new SignatureCheck(digest, kind, outcome, null, reason, List.of());
  }
}

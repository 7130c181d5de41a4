package io.cairn.policy;

import io.cairn.oci.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every signature of one kind attached to a subject, with the rule that combines them: the subject
 * is verified when at least one signature is {@link Outcome#VALID}, whatever the others say. A
 * second, broken signature beside a good one must not make a signed image unpullable, and the
 * failures stay listed so that the UI can still show them.
 *
 * @param subject the manifest the signatures are attached to
 * @param kind which signature format these verdicts are about
 * @param signatures one verdict per signature accessory, in the order they were verified
 */
public record SubjectVerdict(Digest subject, Kind kind, List<SignatureVerdict> signatures) {

  /** The signature formats Cairn verifies, each with the accessory type Harbor reports. */
  public enum Kind {
    COSIGN("signature.cosign"),
    NOTATION("signature.notation");

    private final String accessoryType;

    Kind(String accessoryType) {
      this.accessoryType = accessoryType;
    }

    public String accessoryType() {
      return accessoryType;
    }
  }

  public SubjectVerdict {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(kind, "kind");
    signatures = List.copyOf(signatures);
  }

  /** True when at least one signature is valid. No signatures at all is not verified. */
  public boolean verified() {
    return signatures.stream().anyMatch(SignatureVerdict::isValid);
  }

  /** The first valid signature, which is the one a UI names as "signed by". */
  public Optional<SignatureVerdict> firstValid() {
    return signatures.stream().filter(SignatureVerdict::isValid).findFirst();
  }

  /** Every signature that is not valid, each with its own reason. */
  public List<SignatureVerdict> failures() {
    return signatures.stream().filter(v -> !v.isValid()).toList();
  }
}

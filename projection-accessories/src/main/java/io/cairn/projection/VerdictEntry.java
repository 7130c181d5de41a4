package io.cairn.projection;

import java.util.List;

/**
 * The policy processor's last verdict on a subject: each signature accessory's outcome, decided
 * with the project's trust material of {@code generation}.
 */
public record VerdictEntry(
    String subject, long generation, List<Check> signatures, long evaluatedAt) {
  public VerdictEntry {
    signatures = signatures == null ? List.of() : List.copyOf(signatures);
  }

  /** One signature's outcome: {@code kind} COSIGN or NOTATION, {@code outcome} a verdict word. */
  public record Check(
      String signatureDigest,
      String kind,
      String outcome,
      String verifiedBy,
      String reason,
      List<String> warnings) {
    public Check {
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean isValid() {
      return "valid".equals(outcome);
    }
  }

  /** Whether a signature of {@code kind} verified. A loop: every verified pull asks this. */
  public boolean verified(String kind) {
    for (Check c : signatures) {
      if (c.kind().equals(kind) && c.isValid()) {
        return true;
      }
    }
    return false;
  }
}

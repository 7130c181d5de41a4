package io.cairn.policy;

/**
 * Why a signature failed one step of verification. Steps throw it so that the first failing step
 * decides the verdict; it never leaves this package (verifiers turn it into a {@link
 * SignatureVerdict}).
 */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  Rejection(Outcome outcome, String reason) {
    super(reason, null, false, false);
    this.outcome = outcome;
  }

  static Rejection invalid(String reason) {
    return new Rejection(Outcome.INVALID_SIGNATURE, reason);
  }

  Outcome outcome() {
    return outcome;
  }
}

package io.cairn.api.replication;

/**
 * What a probe of another registry found: it answers {@code /v2/} and accepts the credentials, or
 * why not, in words for the operator (no secret in them).
 */
record PingOutcome(boolean healthy, String reason) {
  static PingOutcome ok() {
    return new PingOutcome(true, "healthy");
  }

  static PingOutcome failed(String reason) {
    return new PingOutcome(false, reason);
  }
}

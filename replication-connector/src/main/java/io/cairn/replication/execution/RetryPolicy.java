package io.cairn.replication.execution;

import java.time.Duration;

/**
 * How often a registry call that failed for a reason that may pass (no answer, a 5xx, a 429) is
 * tried, and how long to wait in between: {@code firstBackoff}, doubling up to {@code maxBackoff}.
 * A refusal (a 4xx) is never retried.
 *
 * @param attempts tries in all, at least 1
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
  /**
   * Five tries over about 15 s: enough for a registry that restarts or a load balancer that
   * switches over, short enough that an execution against a registry that is gone ends soon.
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    if (firstBackoff == null || firstBackoff.isNegative()) {
      throw new IllegalArgumentException("first backoff must be zero or more");
    }
    if (maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("max backoff must be at least the first backoff");
    }
  }

  /** The wait after the {@code failedAttempts}-th failure (1 → {@code firstBackoff}). */
  public Duration backoff(int failedAttempts) {
    Duration wait = firstBackoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}

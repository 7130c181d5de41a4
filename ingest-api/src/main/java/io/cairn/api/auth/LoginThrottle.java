package io.cairn.api.auth;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Slows guessing: after {@link #FREE_FAILURES} failed logins for one account within {@link
 * #WINDOW}, every further attempt for that account waits, doubling per failure up to {@link
 * #MAX_DELAY}. A success clears the account's record. Per account, not per address, because the
 * secret being guessed is the account's.
 */
public final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_DELAY = Duration.ofMillis(250);
  static final Duration MAX_DELAY = Duration.ofSeconds(8);

  /** Bounds memory under a spray of made-up names; old records are dropped first. */
  private static final int MAX_ACCOUNTS = 100_000;

  private final LongSupplier nanos;
  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  public LoginThrottle(LongSupplier nanos) {
    this.nanos = nanos;
  }

  private record Failures(int count, long lastNanos) {}

  /** How long an attempt for {@code account} must wait before it is checked. */
  public Duration delayFor(String account) {
    Failures f = failures.get(account);
    if (f == null || nanos.getAsLong() - f.lastNanos > WINDOW.toNanos()) {
      return Duration.ZERO;
    }
    int over = f.count - FREE_FAILURES;
    if (over < 0) {
      return Duration.ZERO;
    }
    long millis = FIRST_DELAY.toMillis() << Math.min(over, 10);
    return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
  }

  /** Records a failed attempt; returns how many failures the account has in the window now. */
  public int failed(String account) {
    long now = nanos.getAsLong();
    if (failures.size() >= MAX_ACCOUNTS) {
      failures.entrySet().removeIf(e -> now - e.getValue().lastNanos > WINDOW.toNanos());
      if (failures.size() >= MAX_ACCOUNTS) {
        failures.clear();
      }
    }
    return failures.compute(
            account,
            (k, old) ->
                old == null || now - old.lastNanos > WINDOW.toNanos()
                    ? new Failures(1, now)
                    : new Failures(old.count + 1, now))
        .count;
  }

  public void succeeded(String account) {
    failures.remove(account);
  }
}

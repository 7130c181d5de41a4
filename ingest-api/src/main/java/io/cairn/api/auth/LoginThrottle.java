package io.cairn.api.auth;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per {@link Attempt}: one account tried from one source. After {@link
 * #FREE_FAILURES} failures within {@link #WINDOW}, each further failure is answered only after a
 * delay that doubles per failure up to {@link #MAX_DELAY} ({@link LoginGate} holds the next check
 * of that account from that source until then). A success clears the record.
 *
 * <p>Per account <em>and</em> source: per account alone, anyone could keep someone else's account
 * slow with a few bad guesses; per source alone, one source could guess many accounts at full
 * speed. A source guessing from many addresses gets one slowed lane per address, which the cost of
 * the password KDF still bounds.
 */
public final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_DELAY = Duration.ofMillis(250);
  static final Duration MAX_DELAY = Duration.ofSeconds(8);

  /** Bounds memory under a spray of made-up names or addresses; old records are dropped first. */
  private static final int MAX_RECORDS = 100_000;

  /** One account tried from one source (the peer's IP address). */
  public record Attempt(String account, String source) {}

  private final LongSupplier nanos;
  private final ConcurrentMap<Attempt, Failures> failures = new ConcurrentHashMap<>();

  public LoginThrottle(LongSupplier nanos) {
    this.nanos = nanos;
  }

  private record Failures(int count, long lastNanos) {}

  /** How many failures {@code attempt} has within the window. */
  public int failures(Attempt attempt) {
    Failures f = failures.get(attempt);
    return f == null || expired(f, nanos.getAsLong()) ? 0 : f.count;
  }

  /** How long the answer to the {@code failures}-th failure in a row waits. */
  static Duration delayAfter(int failures) {
    int over = failures - FREE_FAILURES - 1;
    if (over < 0) {
      return Duration.ZERO;
    }
    long millis = FIRST_DELAY.toMillis() << Math.min(over, 10);
    return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
  }

  /** Records a failed attempt; returns how many failures it has in the window now. */
  public int failed(Attempt attempt) {
    long now = nanos.getAsLong();
    if (failures.size() >= MAX_RECORDS) {
      failures.entrySet().removeIf(e -> expired(e.getValue(), now));
      if (failures.size() >= MAX_RECORDS) {
        failures.clear();
      }
    }
    return failures.compute(
            attempt,
            (k, old) ->
                old == null || expired(old, now)
                    ? new Failures(1, now)
                    : new Failures(old.count + 1, now))
        .count;
  }

  public void succeeded(Attempt attempt) {
    failures.remove(attempt);
  }

  private static boolean expired(Failures f, long now) {
    return now - f.lastNanos > WINDOW.toNanos();
  }
}

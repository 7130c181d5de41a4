package io.cairn.replication.execution;

import io.cairn.replication.oci.RegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs a registry call under a {@link RetryPolicy}, waiting between tries unless a stop is
 * requested: a stop must take effect within a fraction of a second, not after a backoff of several.
 * Stateless; thread-safe if the stop signal is.
 */
final class Retrier {
  /** How long a wait sleeps before it looks at the stop signal again. */
  private static final long SLICE_MILLIS = 50;

  @FunctionalInterface
  interface Call<T> {
    T call() throws IOException;
  }

  /** A stop came while waiting to try again; {@link #getCause()} is the last failure, if any. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped(IOException last) {
      super("stop requested", last);
    }
  }

  private final RetryPolicy policy;
  private final BooleanSupplier stop;

  Retrier(RetryPolicy policy, BooleanSupplier stop) {
    this.policy = policy;
    this.stop = stop;
  }

  RetryPolicy policy() {
    return policy;
  }

  /**
   * The call's answer; its last failure once the policy's tries are spent, or at once when the
   * failure is a refusal ({@link #worthRetrying}).
   */
  <T> T call(Call<T> call) throws IOException, Stopped {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (IOException e) {
        if (!worthRetrying(e) || attempt >= policy.attempts()) {
          throw e;
        }
        if (!pause(policy.backoff(attempt))) {
          throw new Stopped(e);
        }
      }
    }
  }

  /** Everything but a registry's refusal: no answer, a 5xx, a 429, a reset stream. */
  static boolean worthRetrying(IOException e) {
    return !(e instanceof RegistryException r && r.permanent());
  }

  /** Sleeps {@code wait} in slices; false as soon as a stop is requested (or the thread is). */
  private boolean pause(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (stop.getAsBoolean()) {
        return false;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(SLICE_MILLIS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the runner's stop signal sees it
        return false;
      }
    }
  }
}

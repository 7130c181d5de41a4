package io.cairn.ops.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for one answer of the cluster, with every way of not getting it made one exception. */
final class KafkaAnswer {
  private KafkaAnswer() {}

  /**
   * The future's value, waited for at most {@code timeout}.
   *
   * @param doing what the call does, for the message ("creating topics")
   * @throws IllegalStateException on failure (the cause is Kafka's exception), timeout or interrupt
   */
  static <T> T await(Future<T> future, Duration timeout, String doing) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + doing, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          capitalized(doing) + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer within " + timeout + " while " + doing, e);
    }
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}

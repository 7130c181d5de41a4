package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.replication.oci.RegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void theBackoffDoublesUpToItsCap() {
    RetryPolicy p = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
    List<Long> seconds =
        List.of(1, 2, 3, 4, 5).stream().map(n -> p.backoff(n).toSeconds()).toList();
    assertEquals(List.of(1L, 2L, 4L, 5L, 5L), seconds);
    assertEquals(Duration.ofSeconds(8), RetryPolicy.DEFAULT.backoff(100));
  }

  @Test
  void badPoliciesAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, null, Duration.ZERO));
  }

  @Test
  void transientFailuresAreRetriedAndRefusalsAreNot() throws Exception {
    Retrier retrier =
        new Retrier(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)), () -> false);
    AtomicInteger calls = new AtomicInteger();
    assertEquals(
        "ok",
        retrier.call(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IOException("reset");
              }
              return "ok";
            }));
    assertEquals(3, calls.get());

    calls.set(0);
    assertThrows(
        RegistryException.class,
        () ->
            retrier.call(
                () -> {
                  calls.incrementAndGet();
                  throw new RegistryException(400, "NAME_INVALID", "no", true);
                }));
    assertEquals(1, calls.get());

    calls.set(0);
    assertThrows(
        RegistryException.class,
        () ->
            retrier.call(
                () -> {
                  calls.incrementAndGet();
                  throw new RegistryException(503, null, "busy", false);
                }));
    assertEquals(3, calls.get());
  }

  @Test
  void aStopEndsTheWaitAtOnce() {
    Retrier retrier =
        new Retrier(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30)), () -> true);
    long start = System.nanoTime();
    Retrier.Stopped stopped =
        assertThrows(
            Retrier.Stopped.class,
            () ->
                retrier.call(
                    () -> {
                      throw new IOException("down");
                    }));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    assertEquals("down", stopped.getCause().getMessage());
    assertFalse(Retrier.worthRetrying(new RegistryException(404, null, "gone", true)));
  }
}

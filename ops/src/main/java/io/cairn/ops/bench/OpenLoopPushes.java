package io.cairn.ops.bench;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Pushes signed images on a fixed schedule: image {@code i} starts at {@code t0 + i / rate}
 * whatever happened to the ones before (an open loop), so a source or target that falls behind
 * cannot slow the load down and so hide its lag. Each image is its blobs and manifest, then its
 * signature's blobs and manifest; the moment the signature's 201 arrives, the probe starts watching
 * for it.
 */
final class OpenLoopPushes {
  private final Pusher pusher;
  private final ArrivalProbe probe;
  private final String repository;

  /**
   * @param started when the load began ({@link System#nanoTime})
   * @param lastSigned when the last signature's 201 came back
   * @param pushes per image, from its scheduled start to its signature's 201
   * @param failures images whose push failed (the first reason in {@code failure})
   * @param resent requests sent a second time after no answer came (see {@link Pusher#send})
   */
  record Outcome(
      int scheduled,
      long started,
      long lastSigned,
      Latencies pushes,
      int failures,
      String failure,
      long resent) {
    int pushed() {
      return scheduled - failures;
    }

    /** Images pushed per second, from the start to the last signature's 201. */
    double achievedRate() {
      return pushed() / ((lastSigned - started) / 1e9);
    }
  }

  /**
   * How long after the schedule the pushes still under way may take: one that never ends is counted
   * failed, so a run reports it instead of waiting for ever.
   */
  private static final Duration UNANSWERED = Duration.ofSeconds(120);

  OpenLoopPushes(Pusher pusher, ArrivalProbe probe, String repository) {
    this.pusher = pusher;
    this.probe = probe;
    this.repository = repository;
  }

  /** Pushes {@code images} at {@code rate} per second; returns once every push has ended. */
  Outcome run(List<SignedImage> images, double rate) throws Exception {
    long period = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
    Latencies pushes = new Latencies();
    AtomicLong lastSigned = new AtomicLong();
    List<Future<Void>> all = new ArrayList<>();
    long resentBefore = pusher.resent();
    long started = System.nanoTime();
    for (int i = 0; i < images.size(); i++) {
      long due = started + i * period;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      all.add(push(images.get(i), due, pushes, lastSigned));
    }
    int failures = 0;
    String failure = null;
    long deadline = System.nanoTime() + UNANSWERED.toNanos();
    int unanswered = 0;
    int firstUnanswered = -1;
    for (int i = 0; i < all.size(); i++) {
      Future<Void> push = all.get(i);
      try {
        push.toCompletionStage()
            .toCompletableFuture()
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        failures++;
        unanswered++;
        firstUnanswered = firstUnanswered < 0 ? i : firstUnanswered;
      } catch (Exception e) {
        failures++;
        failure = failure == null ? String.valueOf(e.getCause()) : failure;
      }
    }
    if (unanswered > 0 && failure == null) {
      failure =
          unanswered
              + " pushes not ended "
              + UNANSWERED.toSeconds()
              + " s after the last was due, the first of them push "
              + (firstUnanswered + 1)
              + " of "
              + images.size()
              + "; requests unanswered: "
              + pusher.unanswered(5)
              + " of "
              + pusher.unansweredCount();
    }
    return new Outcome(
        images.size(),
        started,
        lastSigned.get(),
        pushes,
        failures,
        failure,
        pusher.resent() - resentBefore);
  }

  private Future<Void> push(SignedImage image, long due, Latencies pushes, AtomicLong lastSigned) {
    return pusher
        .pushSigned(repository, image)
        .map(
            signed -> {
              long at = System.nanoTime();
              probe.watch(repository, image.signatureTag(), at);
              pushes.record(at - due);
              lastSigned.accumulateAndGet(at, Math::max);
              return null;
            });
  }
}

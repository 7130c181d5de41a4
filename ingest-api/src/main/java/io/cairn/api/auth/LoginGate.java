package io.cairn.api.auth;

import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Decides when the secret of an {@link LoginThrottle.Attempt} is checked, so that guessing is slow
 * and a right secret is not.
 *
 * <p>A check is never delayed by time alone: it starts as soon as its lane (one account from one
 * source) has room, and a right secret is answered the moment the KDF says so. What slows guessing
 * is that a lane with failures has room for one check at a time, and a failed check keeps its place
 * until its answer's delay ({@link LoginThrottle#delayAfter}) has passed — so a guesser cannot
 * start the next guess by dropping the connection, and parallel guesses queue. A lane without
 * failures admits {@link LoginThrottle#FREE_FAILURES} checks at once, so many clients signing in
 * together from one address (a CI farm behind NAT) do not queue; each free slot a failure uses up
 * is one fewer. At most {@link #MAX_WAITING} checks wait in one lane; more are refused at once with
 * {@code 429 TOOMANYREQUESTS} rather than held open.
 */
final class LoginGate {
  static final int MAX_WAITING = 32;

  private final LoginThrottle throttle;
  private final ConcurrentMap<LoginThrottle.Attempt, Lane> lanes = new ConcurrentHashMap<>();

  LoginGate(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  private enum Admission {
    NOW,
    QUEUED,
    REFUSED
  }

  /** Checks admitted and running (a failed one until its delay is over), and those waiting. */
  private static final class Lane {
    int running;
    final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  }

  /**
   * Runs {@code check} once the lane of {@code attempt} admits it; the lane is held until the
   * future {@code check} returns completes, so a failed check must complete only after its delay.
   */
  <T> Future<T> admit(LoginThrottle.Attempt attempt, Supplier<Future<T>> check) {
    Promise<T> answer = Promise.promise();
    Runnable start =
        () ->
            check
                .get()
                .onComplete(
                    done -> {
                      release(attempt);
                      answer.handle(done);
                    });
    // The lane's decision, carried out of compute(): a check is started only outside it.
    Admission[] decided = {Admission.REFUSED};
    lanes.compute(
        attempt,
        (k, lane) -> {
          Lane l = lane == null ? new Lane() : lane;
          if (l.running < room(attempt)) {
            l.running++;
            decided[0] = Admission.NOW;
          } else if (l.waiting.size() < MAX_WAITING) {
            l.waiting.add(start);
            decided[0] = Admission.QUEUED;
          }
          return l;
        });
    if (decided[0] == Admission.REFUSED) {
      return Future.failedFuture(
          OciErrorCode.TOOMANYREQUESTS.exception(
              "too many sign-in attempts for "
                  + attempt.account()
                  + " from your address are waiting; try again later"));
    }
    if (decided[0] == Admission.NOW) {
      start.run();
    }
    return answer.future();
  }

  private int room(LoginThrottle.Attempt attempt) {
    return Math.max(1, LoginThrottle.FREE_FAILURES - throttle.failures(attempt));
  }

  /** Frees a running place, starts what now fits, drops the lane once idle. */
  private void release(LoginThrottle.Attempt attempt) {
    List<Runnable> next = new ArrayList<>();
    lanes.computeIfPresent(
        attempt,
        (k, l) -> {
          l.running--;
          int room = room(attempt);
          while (l.running < room && !l.waiting.isEmpty()) {
            l.running++;
            next.add(l.waiting.poll());
          }
          return l.running == 0 && l.waiting.isEmpty() ? null : l;
        });
    next.forEach(Runnable::run);
  }

  /** Lanes held now; for tests that a finished attempt leaves nothing behind. */
  int lanes() {
    return lanes.size();
  }
}

package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.OciException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lanes and delays that slow guessing, with checks the test completes by hand. */
class LoginGateTest {
  private final AtomicLong nanos = new AtomicLong();
  private final LoginThrottle throttle = new LoginThrottle(nanos::get);
  private final LoginGate gate = new LoginGate(throttle);
  private final LoginThrottle.Attempt guesser = new LoginThrottle.Attempt("admin", "10.0.0.9");
  private final LoginThrottle.Attempt owner = new LoginThrottle.Attempt("admin", "10.0.0.1");

  @Test
  void delaysStartAfterTheFreeFailuresAndDoubleUpToEightSeconds() {
    assertEquals(Duration.ZERO, LoginThrottle.delayAfter(LoginThrottle.FREE_FAILURES));
    assertEquals(Duration.ofMillis(250), LoginThrottle.delayAfter(LoginThrottle.FREE_FAILURES + 1));
    assertEquals(Duration.ofMillis(500), LoginThrottle.delayAfter(LoginThrottle.FREE_FAILURES + 2));
    assertEquals(Duration.ofSeconds(8), LoginThrottle.delayAfter(40));
  }

  @Test
  void failuresAreCountedPerAccountAndSourceAndForgottenAfterTheWindow() {
    for (int i = 0; i < 7; i++) {
      throttle.failed(guesser);
    }
    assertEquals(7, throttle.failures(guesser));
    assertEquals(0, throttle.failures(owner));
    assertEquals(0, throttle.failures(new LoginThrottle.Attempt("alice", "10.0.0.9")));
    nanos.addAndGet(LoginThrottle.WINDOW.toNanos() + 1);
    assertEquals(0, throttle.failures(guesser));
  }

  @Test
  void aLaneWithFailuresChecksOneAtATimeAndAnotherSourceIsNotHeld() {
    for (int i = 0; i < 8; i++) {
      throttle.failed(guesser);
    }
    List<Promise<String>> checks = new ArrayList<>();
    Future<String> first = gate.admit(guesser, () -> started(checks));
    Future<String> second = gate.admit(guesser, () -> started(checks));
    assertEquals(1, checks.size(), "the second guess waits for the first to be answered");

    Future<String> fromOwner = gate.admit(owner, () -> Future.succeededFuture("admin"));
    assertTrue(fromOwner.succeeded(), "another source is admitted at once");

    checks.get(0).fail("wrong");
    assertTrue(first.failed());
    assertEquals(2, checks.size(), "the next guess starts only when the first is answered");
    checks.get(1).complete("admin");
    assertEquals("admin", second.result());
    assertEquals(0, gate.lanes(), "an idle lane is dropped");
  }

  @Test
  void aLaneWithoutFailuresAdmitsSeveralAtOnce() {
    List<Promise<String>> checks = new ArrayList<>();
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      gate.admit(owner, () -> started(checks));
    }
    assertEquals(LoginThrottle.FREE_FAILURES, checks.size());
    gate.admit(owner, () -> started(checks));
    assertEquals(LoginThrottle.FREE_FAILURES, checks.size(), "the sixth waits");
    checks.get(0).complete("admin");
    assertEquals(LoginThrottle.FREE_FAILURES + 1, checks.size());
  }

  @Test
  void aFullLaneRefusesWith429InsteadOfHoldingMoreOpen() {
    for (int i = 0; i < 8; i++) {
      throttle.failed(guesser);
    }
    List<Promise<String>> checks = new ArrayList<>();
    for (int i = 0; i <= LoginGate.MAX_WAITING; i++) {
      assertFalse(gate.admit(guesser, () -> started(checks)).failed());
    }
    Future<String> over = gate.admit(guesser, () -> started(checks));
    assertTrue(over.failed());
    assertEquals(429, ((OciException) over.cause()).code().status());
    assertEquals(1, checks.size());
  }

  private static Future<String> started(List<Promise<String>> checks) {
    Promise<String> check = Promise.promise();
    checks.add(check);
    return check.future();
  }
}

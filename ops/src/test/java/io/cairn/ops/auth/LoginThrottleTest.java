package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RawHttp;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack the issue reported: anyone who can reach Cairn sends bad passwords for {@code admin}
 * until its attempts are slowed to 8 s, hoping to keep the real admin slow. The attacker is a
 * second machine ({@code 127.0.0.2}); the admin signs in from {@code 127.0.0.1}. Durations are
 * compared with the 8 s the attacker earned, not with a tight bound, so a loaded machine cannot
 * fail the test while a throttle that slows the admin always does.
 */
@ExtendWith(SharedKafka.class)
class LoginThrottleTest {
  private static final String ATTACKER = "127.0.0.2";
  private static final String ADMIN_MACHINE = "127.0.0.1";

  /** Half of the 8 s a throttled attempt waits: well above a KDF check on a loaded machine. */
  private static final Duration SLOWED = Duration.ofSeconds(4);

  @TempDir static Path dataDir;
  static TestCairn cairn;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void badGuessesFromElsewhereNeverSlowTheRightPassword() throws Exception {
    Login wrong = new Login("admin", "Wrong-Passw0rd");
    // Right once, so it is remembered: the path that used to skip telling the throttle.
    assertEquals(200, status(catalog(ADMIN_MACHINE, Login.ADMIN)));
    for (int i = 0; i < 10; i++) {
      assertEquals(401, status(catalog(ATTACKER, wrong)));
    }
    assertTrue(took(() -> catalog(ATTACKER, wrong)).compareTo(SLOWED) > 0, "attacker is slowed");

    for (int i = 0; i < 3; i++) {
      Duration admin = took(() -> assertEquals(200, status(catalog(ADMIN_MACHINE, Login.ADMIN))));
      assertTrue(admin.compareTo(SLOWED) < 0, "admin answered in " + admin);
    }
    // The right password is never slowed, even from the attacker's own address, and it clears
    // that address's record: the next failure from there is answered at once again.
    Duration fromThere = took(() -> assertEquals(200, status(catalog(ATTACKER, Login.ADMIN))));
    assertTrue(fromThere.compareTo(SLOWED) < 0, "right password from there took " + fromThere);
    Duration nextFailure = took(() -> assertEquals(401, status(catalog(ATTACKER, wrong))));
    assertTrue(nextFailure.compareTo(SLOWED) < 0, "record cleared: failure took " + nextFailure);
  }

  @Test
  void anUnrememberedRightPasswordIsNotSlowedByAnotherAddress() throws Exception {
    Login ops = new Accounts(new RegistryClient(cairn.url())).user("ops");
    Login wrong = new Login("ops", "Wrong-Passw0rd");
    for (int i = 0; i < 11; i++) {
      assertEquals(401, status(catalog(ATTACKER, wrong)));
    }
    // Its first sign-in ever: checked with the KDF at once, not after the attacker's delay.
    Duration first = took(() -> assertEquals(200, status(catalog(ADMIN_MACHINE, ops))));
    assertTrue(first.compareTo(SLOWED) < 0, "first sign-in took " + first);
  }

  private static String catalog(String from, Login login) throws Exception {
    return RawHttp.exchangeFrom(
        from, cairn.url(), "GET", "/v2/_catalog", cairn.host(), "Authorization: " + login.basic());
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private interface Call {
    void run() throws Exception;
  }

  private static Duration took(Call call) throws Exception {
    long start = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }
}

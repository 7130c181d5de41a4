package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.auth.StoredSecrets.Outcome;
import io.cairn.api.sealing.Purpose;
import io.cairn.api.sealing.SealingKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class StoredSecretsTest {
  /** Few rounds: the scheme is under test here, not the cost. */
  final SecretHash hasher = new SecretHash(1_000);

  final StoredSecrets secrets = new StoredSecrets(hasher, key("a"));

  static SealingKey key(String name) {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new SealingKey(raw, Path.of(name, "secret-sealing.key"));
  }

  @Test
  void aProtectedSecretIsSealedAndVerifies() {
    String stored = secrets.protect(Purpose.USER_PASSWORD, "alice", "Pw-alice-1234");
    assertTrue(stored.startsWith("sealed-v1$"), stored);
    assertFalse(stored.contains("pbkdf2"), stored);
    assertEquals(
        Outcome.MATCH, secrets.verify(Purpose.USER_PASSWORD, "alice", "Pw-alice-1234", stored));
    assertEquals(
        Outcome.MISMATCH, secrets.verify(Purpose.USER_PASSWORD, "alice", "Pw-alice-1235", stored));
  }

  @Test
  void aPlainHashFromBeforeSealingStillVerifies() {
    String old = hasher.hash("Old-Passw0rd");
    assertEquals(Outcome.MATCH, secrets.verify(Purpose.USER_PASSWORD, "bob", "Old-Passw0rd", old));
    assertEquals(Outcome.MISMATCH, secrets.verify(Purpose.USER_PASSWORD, "bob", "Guess-1", old));
  }

  @Test
  void noStoredValueIsAMismatch() {
    assertEquals(
        Outcome.MISMATCH,
        secrets.verify(Purpose.USER_PASSWORD, "nobody", "decoy secret that matches nothing", null));
  }

  @Test
  void aValueSealedElsewhereIsUnreadableNotAnError() {
    StoredSecrets other = new StoredSecrets(hasher, key("b"));
    String stored = other.protect(Purpose.ROBOT_SECRET, "robot$p+ci", "Secret-1234");
    assertTrue(secrets.sealedElsewhere(stored));
    assertFalse(other.sealedElsewhere(stored));
    assertEquals(
        Outcome.UNREADABLE,
        secrets.verify(Purpose.ROBOT_SECRET, "robot$p+ci", "Secret-1234", stored));
  }

  @Test
  void aValueMovedToAnotherAccountOrPurposeIsUnreadable() {
    String alices = secrets.protect(Purpose.USER_PASSWORD, "alice", "Pw-alice-1234");
    assertFalse(secrets.sealedElsewhere(alices));
    assertEquals(
        Outcome.UNREADABLE,
        secrets.verify(Purpose.USER_PASSWORD, "mallory", "Pw-alice-1234", alices));
    assertEquals(
        Outcome.UNREADABLE, secrets.verify(Purpose.ROBOT_SECRET, "alice", "Pw-alice-1234", alices));
  }

  @Test
  void aMalformedSealedValueIsUnreadable() {
    assertEquals(
        Outcome.UNREADABLE,
        secrets.verify(Purpose.USER_PASSWORD, "alice", "x", "sealed-v1$broken"));
    assertFalse(secrets.sealedElsewhere("sealed-v1$broken"));
    assertFalse(secrets.sealedElsewhere(hasher.hash("plain")));
  }
}

package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretHashTest {
  /** Few rounds: the scheme is under test here, not the cost. */
  final SecretHash hasher = new SecretHash(1_000);

  @Test
  void theRightSecretVerifiesAndAWrongOneDoesNot() {
    String stored = hasher.hash("Harbor12345");
    assertTrue(hasher.verify("Harbor12345", stored));
    assertFalse(hasher.verify("Harbor12346", stored));
    assertFalse(hasher.verify("", stored));
    assertTrue(stored.startsWith("pbkdf2-sha256$1000$"), stored);
  }

  @Test
  void eachHashHasItsOwnSalt() {
    assertNotEquals(hasher.hash("same"), hasher.hash("same"));
  }

  @Test
  void nonAsciiSecretsRoundTrip() {
    String stored = hasher.hash("pässwörd-密码");
    assertTrue(hasher.verify("pässwörd-密码", stored));
    assertFalse(hasher.verify("passwort-密码", stored));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "pbkdf2-sha256$1000$c2FsdA",
        "bcrypt$1000$c2FsdA$aGFzaA",
        "pbkdf2-sha256$x$c2FsdA$aGFzaA",
        "pbkdf2-sha256$0$c2FsdA$aGFzaA",
        "pbkdf2-sha256$1000$!!!$aGFzaA",
        "pbkdf2-sha256$1000$c2FsdA$aGFzaA"
      })
  void aMalformedOrForeignStoredFormNeverVerifies(String stored) {
    assertFalse(hasher.verify("anything", stored));
  }

  @Test
  void aStoredFormWithFewerIterationsNeedsARehash() {
    assertTrue(new SecretHash(2_000).needsRehash(hasher.hash("x")));
    assertFalse(hasher.needsRehash(hasher.hash("x")));
    assertThrows(IllegalArgumentException.class, () -> new SecretHash(0));
  }

  @Test
  void generatedSecretsAreReadableAndDoNotRepeat() {
    String a = SecretHash.generate(32);
    assertEquals(32, a.length());
    assertTrue(a.matches("[A-HJ-NP-Za-km-z2-9]{32}"), a + " holds a confusable character");
    assertNotEquals(a, SecretHash.generate(32));
  }
}

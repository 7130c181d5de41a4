package io.cairn.api.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealingKeyTest {
  static final String HASH =
      "pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
  final SealingKey key = SealingKey.generate(Path.of("auth", "secret-sealing.key"));

  @Test
  void aSealedValueOpensForItsAccountAndPurpose() throws Exception {
    String sealed = key.seal(Purpose.USER_PASSWORD, "alice", HASH);
    assertTrue(sealed.startsWith("sealed-v1$" + key.id() + "$"), sealed);
    assertEquals(HASH, key.open(Purpose.USER_PASSWORD, "alice", SealedForm.parse(sealed)));
  }

  @Test
  void theSealedFormShowsNothingOfTheHash() {
    String sealed = key.seal(Purpose.USER_PASSWORD, "alice", HASH);
    assertFalse(sealed.contains("pbkdf2"), sealed);
    for (String part : HASH.split("\\$")) {
      assertFalse(sealed.contains(part), part + " in " + sealed);
    }
  }

  @Test
  void eachSealingHasItsOwnNonce() {
    String a = key.seal(Purpose.USER_PASSWORD, "alice", HASH);
    String b = key.seal(Purpose.USER_PASSWORD, "alice", HASH);
    assertNotEquals(a, b);
    assertFalse(
        Arrays.equals(SealedForm.parse(a).nonce(), SealedForm.parse(b).nonce()), "nonce reused");
  }

  @Test
  void aValueCopiedOntoAnotherAccountDoesNotOpen() {
    SealedForm sealed = SealedForm.parse(key.seal(Purpose.USER_PASSWORD, "alice", HASH));
    CannotOpenException e =
        assertThrows(
            CannotOpenException.class, () -> key.open(Purpose.USER_PASSWORD, "mallory", sealed));
    assertFalse(e.otherKey());
  }

  @Test
  void aValueCopiedOntoAnotherPurposeDoesNotOpen() {
    SealedForm sealed = SealedForm.parse(key.seal(Purpose.ROBOT_SECRET, "robot$p+ci", HASH));
    assertThrows(
        CannotOpenException.class, () -> key.open(Purpose.USER_PASSWORD, "robot$p+ci", sealed));
  }

  @Test
  void anAlteredCiphertextDoesNotOpen() {
    SealedForm sealed = SealedForm.parse(key.seal(Purpose.USER_PASSWORD, "alice", HASH));
    byte[] altered = sealed.ciphertext();
    altered[3] ^= 1;
    SealedForm tampered = new SealedForm(sealed.keyId(), sealed.nonce(), altered);
    assertThrows(
        CannotOpenException.class, () -> key.open(Purpose.USER_PASSWORD, "alice", tampered));
  }

  @Test
  void anotherKeyNamesTheKeyItWouldNeed() {
    SealingKey other = SealingKey.generate(Path.of("elsewhere", "secret-sealing.key"));
    SealedForm sealed = SealedForm.parse(other.seal(Purpose.USER_PASSWORD, "alice", HASH));
    CannotOpenException e =
        assertThrows(
            CannotOpenException.class, () -> key.open(Purpose.USER_PASSWORD, "alice", sealed));
    assertTrue(e.otherKey());
    assertEquals(other.id(), e.keyId());
    assertTrue(e.getMessage().contains(other.id()), e.getMessage());
    assertTrue(e.getMessage().contains(key.id()), e.getMessage());
    assertTrue(e.getMessage().contains(key.file().toString()), e.getMessage());
  }

  @Test
  void theKeyIdFollowsFromTheKeyAlone() {
    byte[] raw = new byte[32];
    raw[0] = 7;
    SealingKey one = new SealingKey(raw, Path.of("a"));
    SealingKey same = new SealingKey(raw, Path.of("b"));
    assertEquals(one.id(), same.id());
    assertEquals(11, one.id().length(), "8 bytes, base64url");
    assertNotEquals(one.id(), key.id());
    assertFalse(one.id().equals(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
  }

  @Test
  void onlyA256BitKeyIsAccepted() {
    assertThrows(IllegalArgumentException.class, () -> new SealingKey(new byte[16], Path.of("k")));
    assertThrows(IllegalArgumentException.class, () -> new SealingKey(new byte[33], Path.of("k")));
  }
}

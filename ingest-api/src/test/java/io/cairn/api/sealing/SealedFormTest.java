package io.cairn.api.sealing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SealedFormTest {
  /** 12 zero bytes, and 17 bytes (more than a tag), in unpadded base64url. */
  static final String NONCE = "AAAAAAAAAAAAAAAA";

  static final String CIPHERTEXT = "AAAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void theTextFormReadsBack() {
    String text = "sealed-v1$kid_-9$" + NONCE + "$" + CIPHERTEXT;
    SealedForm form = SealedForm.parse(text);
    assertEquals("kid_-9", form.keyId());
    assertEquals(12, form.nonce().length);
    assertEquals(17, form.ciphertext().length);
    assertEquals(text, form.text());
    assertEquals(form, SealedForm.parse(form.text()));
  }

  @Test
  void plainHashesAreNotSealed() {
    assertFalse(SealedForm.isSealed("pbkdf2-sha256$600000$c2FsdA$aGFzaA"));
    assertFalse(SealedForm.isSealed(""));
    assertFalse(SealedForm.isSealed(null));
    assertTrue(SealedForm.isSealed("sealed-v9$whatever"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no parts           | sealed-v1                                    | expected 4 parts",
        "three parts        | sealed-v1$kid$AAAAAAAAAAAAAAAA               | expected 4 parts",
        "five parts         | sealed-v1$kid$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA$x | expected 4 parts",
        "newer version      | sealed-v2$kid$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA   | unknown version sealed-v2",
        "empty key id       | sealed-v1$$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA      | key id",
        "key id not b64url  | sealed-v1$k/d$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA   | key id",
        "nonce not base64   | sealed-v1$kid$AAAA!AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA   | nonce is not",
        "padded nonce       | sealed-v1$kid$AAAAAAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAAA   | nonce is not",
        "short nonce        | sealed-v1$kid$AAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA           | 6 bytes, not 12",
        "tag only           | sealed-v1$kid$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA    | shorter than its tag",
        "empty ciphertext   | sealed-v1$kid$AAAAAAAAAAAAAAAA$                          | shorter than its tag",
        "standard base64    | sealed-v1$kid$AAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAA+/   | ciphertext is not",
        "a plain hash       | pbkdf2-sha256$600000$c2FsdA$aGFzaA                        | not a sealed value",
      })
  void aBadFormSaysWhatIsWrong(String name, String text, String why) {
    MalformedSealException e =
        assertThrows(MalformedSealException.class, () -> SealedForm.parse(text));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }
}

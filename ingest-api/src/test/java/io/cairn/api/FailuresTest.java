package io.cairn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.OciErrorCode;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void aWarningIsAnRfc7234QuotedStringOfPrintableAscii() {
    assertEquals(
        "299 - \"NAME_INVALID: name 'a\\\"b\\\\c' is odd?\"",
        Failures.warning(OciErrorCode.NAME_INVALID.exception("name 'a\"b\\c' is odd…")));
    String longOne = Failures.warning(OciErrorCode.NAME_INVALID.exception("n".repeat(1000)));
    assertTrue(longOne.endsWith("...\"") && longOne.length() < 320, longOne);
    assertFalse(
        Failures.warning(OciErrorCode.NAME_INVALID.exception("a\r\nX-Injected: 1")).contains("\n"));
  }
}

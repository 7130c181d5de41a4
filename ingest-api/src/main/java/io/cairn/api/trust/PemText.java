package io.cairn.api.trust;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM as Cairn stores trust material: only the blocks it parsed, re-encoded from their DER in
 * 64-character lines. Text around the blocks in an upload (comments, OpenSSL's "Bag Attributes")
 * never reaches the event log, and a verifier reading the material back parses exactly what was
 * validated.
 */
final class PemText {
  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemText() {}

  /** One {@code -----BEGIN label-----} block, ending with a newline. */
  static String block(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + BASE64.encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}

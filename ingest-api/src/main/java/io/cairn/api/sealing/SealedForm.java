package io.cairn.api.sealing;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text form of a sealed value, as it stands in an event field and in the projection: {@code
 * sealed-v1$<keyId>$<nonce>$<ciphertext>}, the last two base64url without padding (the ciphertext
 * ends with GCM's 16-byte tag). Base64url never holds {@code $}, so the parts split cleanly; a
 * value that does not start with {@code sealed-} is not sealed at all (an older event's plain
 * hash). Immutable; the arrays are copied in and out.
 */
public final class SealedForm {
  static final String VERSION = "sealed-v1";
  private static final String PREFIX = "sealed-";
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final String keyId;
  private final byte[] nonce;
  private final byte[] ciphertext;

  SealedForm(String keyId, byte[] nonce, byte[] ciphertext) {
    this.keyId = keyId;
    this.nonce = nonce.clone();
    this.ciphertext = ciphertext.clone();
  }

  /** Whether {@code stored} claims to be sealed (well-formed or not): it starts with the prefix. */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /**
   * Reads a sealed value's parts, checking their shape (not the key or the tag: that is {@link
   * SealingKey#open}'s work).
   *
   * @throws MalformedSealException for anything but a well-formed {@code sealed-v1} value, saying
   *     what is wrong
   */
  public static SealedForm parse(String text) {
    if (!isSealed(text)) {
      throw new MalformedSealException("not a sealed value");
    }
    String[] part = text.split("\\$", -1);
    if (!part[0].equals(VERSION)) {
      throw new MalformedSealException(
          "unknown version " + part[0] + " (this Cairn reads " + VERSION + ")");
    }
    if (part.length != 4) {
      throw new MalformedSealException("expected 4 parts separated by $, found " + part.length);
    }
    if (!KEY_ID.matcher(part[1]).matches()) {
      throw new MalformedSealException("the key id is not base64url");
    }
    byte[] nonce = decode(part[2], "nonce");
    byte[] ciphertext = decode(part[3], "ciphertext");
    if (nonce.length != NONCE_BYTES) {
      throw new MalformedSealException(
          "the nonce has " + nonce.length + " bytes, not " + NONCE_BYTES);
    }
    if (ciphertext.length <= TAG_BYTES) {
      throw new MalformedSealException("the ciphertext is shorter than its tag");
    }
    return new SealedForm(part[1], nonce, ciphertext);
  }

  private static byte[] decode(String part, String what) {
    try {
      if (part.contains("=")) {
        throw new IllegalArgumentException("padded");
      }
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new MalformedSealException("the " + what + " is not unpadded base64url");
    }
  }

  /** The id of the key that sealed it (see {@link SealingKey#id()}). */
  public String keyId() {
    return keyId;
  }

  byte[] nonce() {
    return nonce.clone();
  }

  byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The text form, which {@link #parse} reads back. */
  public String text() {
    return String.join(
        "$", VERSION, keyId, ENCODER.encodeToString(nonce), ENCODER.encodeToString(ciphertext));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedForm other
        && keyId.equals(other.keyId)
        && Arrays.equals(nonce, other.nonce)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  /** The text form: it holds nothing secret (that is the point of sealing). */
  @Override
  public String toString() {
    return text();
  }
}

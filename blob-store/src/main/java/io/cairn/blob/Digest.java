package io.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed blob digest, {@code sha256:<64 hex>} or {@code sha512:<128 hex>}, lowercase hex only.
 * Parsing is the gate that keeps digest text away from file names until it is known to be safe.
 */
record Digest(String algorithm, String hex) {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("sha512:[0-9a-f]{128}");

  /** Large enough for fast hashing, small enough that memory stays constant per stream. */
  static final int BUFFER_SIZE = 64 * 1024;

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a sha256 or sha512 digest in canonical form
   * @throws NullPointerException when it is null
   */
  static Digest parse(String text) {
    Objects.requireNonNull(text, "digest");
    if (!SHA256.matcher(text).matches() && !SHA512.matcher(text).matches()) {
      throw new IllegalArgumentException("not a sha256 or sha512 digest: " + text);
    }
    int colon = text.indexOf(':');
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** A fresh hasher for this digest's algorithm. */
  MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance("sha256".equals(algorithm) ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide " + algorithm, e);
    }
  }

  /**
   * Copies {@code in} to its end into {@code out}, hashing on the way, and checks the result.
   * Nothing is flushed or closed; the caller owns both streams.
   *
   * @return the number of bytes copied
   * @throws DigestMismatchException when the bytes do not hash to this digest
   */
  long copyVerified(InputStream in, OutputStream out) throws IOException {
    MessageDigest hasher = newHasher();
    byte[] buffer = new byte[BUFFER_SIZE];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      hasher.update(buffer, 0, n);
      out.write(buffer, 0, n);
      total += n;
    }
    String actual = HexFormat.of().formatHex(hasher.digest());
    if (!actual.equals(hex)) {
      throw new DigestMismatchException(
          "content hashes to " + algorithm + ":" + actual + ", not " + this);
    }
    return total;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}

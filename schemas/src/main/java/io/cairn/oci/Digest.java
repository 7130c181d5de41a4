package io.cairn.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:hex}. Only the algorithms the distribution spec requires
 * registries to accept are valid here: sha256 (64 hex) and sha512 (128 hex), lower case.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    if (!isValid(algorithm, hex)) {
      throw OciErrorCode.DIGEST_INVALID.exception("invalid digest " + algorithm + ":" + hex);
    }
  }

  /** Parses {@code sha256:<hex>}; throws {@code DIGEST_INVALID} on anything else. */
  public static Digest parse(String text) {
    if (text == null) {
      throw OciErrorCode.DIGEST_INVALID.exception("missing digest");
    }
    int colon = text.indexOf(':');
    if (colon < 0 || !isValid(text.substring(0, colon), text.substring(colon + 1))) {
      throw OciErrorCode.DIGEST_INVALID.exception("invalid digest '" + abbreviate(text) + "'");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** True when {@code text} looks like a digest (has a colon), whether or not it is valid. */
  public static boolean looksLikeDigest(String text) {
    return text.indexOf(':') >= 0;
  }

  public static Digest sha256(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(bytes)));
  }

  public static MessageDigest newSha256() {
    return newMessageDigest("sha256");
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return newMessageDigest(algorithm);
  }

  /** True when the hasher's result equals this digest. Consumes the hasher. */
  public boolean matches(MessageDigest hasher) {
    return hex.equals(HexFormat.of().formatHex(hasher.digest()));
  }

  private static MessageDigest newMessageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256 and SHA-512", e);
    }
  }

  private static boolean isValid(String algorithm, String hex) {
    if (algorithm == null || hex == null) {
      return false;
    }
    return switch (algorithm) {
      case "sha256" -> SHA256.matcher(hex).matches();
      case "sha512" -> SHA512.matcher(hex).matches();
      default -> false;
    };
  }

  static String abbreviate(String text) {
    return text.length() <= 140 ? text : text.substring(0, 140) + "…";
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}

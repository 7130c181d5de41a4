package io.cairn.api.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords and robot secrets at rest: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), so the cost can rise later without
 * invalidating what is stored. Verification compares in constant time.
 */
public final class SecretHash {
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public SecretHash(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
  }

  /** Letters and digits a person can read back without mistaking one for another (no 0/O, 1/l). */
  private static final String READABLE =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  /** A new random secret of {@code length} readable characters (≈5.8 bits each). */
  public static String generate(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
    }
    return out.toString();
  }

  /** The stored form of {@code secret}. */
  public String hash(String secret) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return String.join(
        "$",
        SCHEME,
        Integer.toString(iterations),
        b64.encodeToString(salt),
        b64.encodeToString(derive(secret, salt, iterations)));
  }

  /** Whether {@code secret} is the one {@code stored} was made from; false for a malformed form. */
  public boolean verify(String secret, String stored) {
    String[] part = stored == null ? new String[0] : stored.split("\\$");
    if (part.length != 4 || !part[0].equals(SCHEME)) {
      return false;
    }
    try {
      int rounds = Integer.parseInt(part[1]);
      byte[] salt = Base64.getDecoder().decode(part[2]);
      byte[] expected = Base64.getDecoder().decode(part[3]);
      if (rounds < 1 || salt.length == 0 || expected.length * 8 != HASH_BITS) {
        return false;
      }
      return MessageDigest.isEqual(expected, derive(secret, salt, rounds));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** Whether {@code stored} was made with fewer iterations than this hasher uses now. */
  public boolean needsRehash(String stored) {
    String[] part = stored.split("\\$");
    try {
      return part.length != 4 || Integer.parseInt(part[1]) < iterations;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static byte[] derive(String secret, byte[] salt, int rounds) {
    char[] chars = secret.toCharArray(); // the JDK's PBKDF2 hashes their UTF-8 bytes
    PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}

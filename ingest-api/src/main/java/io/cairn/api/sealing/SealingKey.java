package io.cairn.api.sealing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that seals stored secrets (password and robot-secret hashes) before they go
 * into events, so that readers of the event log, who have no key, cannot read them. AES-256-GCM
 * with a random 96-bit nonce per value; the associated data binds each value to its format version,
 * key id, {@link Purpose} and account name, so a value copied onto another account or purpose does
 * not open. Thread-safe: each call makes its own {@link Cipher}.
 *
 * <p>A random nonce per value is safe for GCM up to about 2^32 values under one key; a registry
 * seals one value per password change or robot secret, far below that.
 */
public final class SealingKey {
  static final int KEY_BYTES = 32;
  private static final int TAG_BITS = SealedForm.TAG_BYTES * 8;
  private static final int KEY_ID_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String id;
  private final Path file;

  /**
   * @param raw the key's 32 bytes (copied)
   * @param file where the key is kept, named in error messages
   */
  public SealingKey(byte[] raw, Path file) {
    if (raw.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "a sealing key has " + KEY_BYTES + " bytes, not " + raw.length);
    }
    this.key = new SecretKeySpec(raw.clone(), "AES");
    this.id = idOf(raw);
    this.file = file;
  }

  /** A new random key, to be kept in {@code file}. */
  static SealingKey generate(Path file) {
    byte[] raw = new byte[KEY_BYTES];
    RANDOM.nextBytes(raw);
    try {
      return new SealingKey(raw, file);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The key's public name, written into every value it seals: the first 8 bytes of a SHA-256 over a
   * fixed label and the key, base64url. It identifies the key without revealing anything of it.
   */
  public String id() {
    return id;
  }

  /** Where this key is kept. */
  public Path file() {
    return file;
  }

  byte[] encoded() {
    return key.getEncoded();
  }

  /** Seals {@code plain} for {@code account} and {@code purpose}; returns the text form. */
  public String seal(Purpose purpose, String account, String plain) {
    byte[] nonce = new byte[SealedForm.NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, purpose, account);
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return new SealedForm(id, nonce, sealed).text();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has AES/GCM/NoPadding", e);
    }
  }

  /**
   * The plain value inside {@code form}, if this key sealed it for this account and purpose.
   *
   * @throws CannotOpenException if another key sealed it, or its tag does not verify (altered, or
   *     sealed for another account or purpose)
   */
  public String open(Purpose purpose, String account, SealedForm form) throws CannotOpenException {
    if (!form.keyId().equals(id)) {
      throw new CannotOpenException(
          "sealed under key " + form.keyId() + ", but " + file + " holds key " + id,
          form.keyId(),
          true);
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, form.nonce(), purpose, account);
      return new String(cipher.doFinal(form.ciphertext()), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new CannotOpenException(
          "does not open with key "
              + id
              + " from "
              + file
              + ": it was altered, or sealed for another account or purpose",
          form.keyId(),
          false);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has AES/GCM/NoPadding", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, Purpose purpose, String account)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData(purpose, account));
    return cipher;
  }

  /**
   * {@code sealed-v1 NUL keyId NUL purpose NUL account}: every part but the last has a fixed
   * alphabet without NUL, so no two (purpose, account) pairs give the same bytes.
   */
  private byte[] associatedData(Purpose purpose, String account) {
    String aad = String.join("\0", SealedForm.VERSION, id, purpose.label(), account);
    return aad.getBytes(StandardCharsets.UTF_8);
  }

  private static String idOf(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("cairn sealing key id\0".getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest(raw);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(digest, KEY_ID_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

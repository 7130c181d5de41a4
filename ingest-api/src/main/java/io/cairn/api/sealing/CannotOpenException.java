package io.cairn.api.sealing;

/**
 * A well-formed sealed value that this instance's key does not open: it was sealed under another
 * key ({@link #keyId()} differs from the instance's), or it was altered, or it was copied from
 * another account or purpose (its tag does not verify).
 */
public final class CannotOpenException extends Exception {
  private final String keyId;
  private final boolean otherKey;

  CannotOpenException(String message, String keyId, boolean otherKey) {
    super(message);
    this.keyId = keyId;
    this.otherKey = otherKey;
  }

  /** The key id the value names. */
  public String keyId() {
    return keyId;
  }

  /** True when the value names a key other than this instance's; false when its tag failed. */
  public boolean otherKey() {
    return otherKey;
  }
}

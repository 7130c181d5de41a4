package io.cairn.policy;

/**
 * Trusted keys or certificates that cannot be used, with a message that names the problem (not a
 * parser's stack trace). It is unchecked because it means the configuration is wrong: the caller
 * rejects the key or trust store, it does not recover.
 */
public final class TrustMaterialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustMaterialException(String message) {
    super(message);
  }

  public TrustMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}

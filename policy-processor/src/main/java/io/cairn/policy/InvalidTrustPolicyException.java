package io.cairn.policy;

/**
 * A Notation trust policy document that is not valid, with a message naming the statement and the
 * problem. Unchecked: a bad policy is rejected when it is uploaded, not handled.
 */
public final class InvalidTrustPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidTrustPolicyException(String message) {
    super(message);
  }
}

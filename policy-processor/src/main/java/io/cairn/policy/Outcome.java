package io.cairn.policy;

import java.util.Arrays;

/**
 * What verifying one signature concluded. Each outcome has the word the signature fixtures and the
 * Harbor-style API use, so a verdict can be compared with an expectation table as it stands.
 */
public enum Outcome {
  /** A trusted key or root made the signature and it names the subject it is attached to. */
  VALID("valid"),
  /** The signature is malformed, or is provably not a signature over its payload. */
  INVALID_SIGNATURE("invalid-signature"),
  /** A trusted key or root made the signature, but it names a different manifest. */
  WRONG_SUBJECT("wrong-subject"),
  /** No trusted key verifies the signature, or its chain reaches no trusted certificate. */
  UNTRUSTED_KEY("untrusted-key"),
  /** Notation: the chain is trusted, but the signer is none of the policy's trusted identities. */
  UNTRUSTED_IDENTITY("untrusted-identity"),
  /** Notation: the signature's own expiry time has passed. */
  EXPIRED_SIGNATURE("expired-signature"),
  /** Notation: a certificate of the chain is not valid at the time that counts. */
  EXPIRED_CERTIFICATE("expired-certificate"),
  /** Notation: the trust policy says not to verify signatures of this repository at all. */
  SKIPPED("skipped");

  private final String word;

  Outcome(String word) {
    this.word = word;
  }

  /** The verdict word, e.g. {@code invalid-signature}. */
  public String word() {
    return word;
  }

  /** The outcome a verdict word names; throws {@link IllegalArgumentException} for others. */
  public static Outcome fromWord(String word) {
    return Arrays.stream(values())
        .filter(o -> o.word.equals(word))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown verdict word '" + word + "'"));
  }
}

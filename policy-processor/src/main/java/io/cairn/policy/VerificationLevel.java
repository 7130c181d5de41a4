package io.cairn.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A Notation trust policy's {@code signatureVerification.level}: which checks fail a signature
 * ({@link Action#ENFORCE}), which only add a warning ({@link Action#LOG}) and which are not run.
 * The table is the Notary Project trust policy spec's ("Signature Verification details").
 */
public enum VerificationLevel {
  STRICT("strict", Action.ENFORCE, Action.ENFORCE, Action.ENFORCE, Action.ENFORCE),
  PERMISSIVE("permissive", Action.ENFORCE, Action.LOG, Action.LOG, Action.LOG),
  AUDIT("audit", Action.LOG, Action.LOG, Action.LOG, Action.LOG),
  SKIP("skip", Action.SKIP, Action.SKIP, Action.SKIP, Action.SKIP);

  /** The validations of the spec, under the names {@code override} uses. */
  public enum Check {
    INTEGRITY("integrity"),
    AUTHENTICITY("authenticity"),
    AUTHENTIC_TIMESTAMP("authenticTimestamp"),
    EXPIRY("expiry"),
    /** Not performed by Cairn (no OCSP/CRL access here); accepted in policies for compatibility. */
    REVOCATION("revocation");

    private final String specName;

    Check(String specName) {
      this.specName = specName;
    }

    public String specName() {
      return specName;
    }

    static Optional<Check> named(String name) {
      return Arrays.stream(values()).filter(c -> c.specName.equals(name)).findFirst();
    }
  }

  /** What a failed check does to the verdict. */
  public enum Action {
    ENFORCE("enforce"),
    LOG("log"),
    SKIP("skip");

    private final String specName;

    Action(String specName) {
      this.specName = specName;
    }

    static Optional<Action> named(String name) {
      return Arrays.stream(values()).filter(a -> a.specName.equals(name)).findFirst();
    }
  }

  private final String specName;
  private final Map<Check, Action> actions;

  VerificationLevel(
      String specName, Action authenticity, Action timestamp, Action expiry, Action revocation) {
    this.specName = specName;
    Action integrity = specName.equals("skip") ? Action.SKIP : Action.ENFORCE;
    this.actions =
        Map.of(
            Check.INTEGRITY, integrity,
            Check.AUTHENTICITY, authenticity,
            Check.AUTHENTIC_TIMESTAMP, timestamp,
            Check.EXPIRY, expiry,
            Check.REVOCATION, revocation);
  }

  public String specName() {
    return specName;
  }

  /** What this level does when {@code check} fails, before any override. */
  public Action action(Check check) {
    return actions.get(check);
  }

  static Optional<VerificationLevel> named(String name) {
    return Arrays.stream(values()).filter(l -> l.specName.equals(name)).findFirst();
  }
}

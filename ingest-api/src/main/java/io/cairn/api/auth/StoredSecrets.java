package io.cairn.api.auth;

import io.cairn.api.sealing.CannotOpenException;
import io.cairn.api.sealing.MalformedSealException;
import io.cairn.api.sealing.Purpose;
import io.cairn.api.sealing.SealedForm;
import io.cairn.api.sealing.SealingKey;
import io.cairn.projection.IdentityView;
import io.cairn.projection.RobotEntry;
import io.cairn.projection.UserEntry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords and robot secrets as events and the projection keep them: the KDF's hash ({@link
 * SecretHash}), sealed with the instance's {@link SealingKey} to the account and its {@link
 * Purpose}, so that readers of the event log see neither secrets nor hashes. A hash is unsealed
 * only while a presented secret is checked against it. Values written before sealing existed (plain
 * {@code pbkdf2-sha256$…} hashes: the log is never rewritten) are checked as they are. Thread-safe;
 * {@link #protect} and {@link #verify} run the KDF and block for its duration.
 */
public final class StoredSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(StoredSecrets.class);
  private static final int MAX_REPORTED = 10_000;

  private final SecretHash hasher;
  private final SealingKey key;

  /** Checked for unknown accounts and unreadable values, so the time taken reveals neither. */
  private final String decoy;

  /** Accounts and values already reported unreadable: one ERROR line each, not one per attempt. */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /** The outcome of checking a presented secret. */
  public enum Outcome {
    MATCH,
    MISMATCH,
    /** The stored value cannot be opened here (another key, altered, or malformed); logged. */
    UNREADABLE
  }

  public StoredSecrets(SecretHash hasher, SealingKey key) {
    this.hasher = hasher;
    this.key = key;
    this.decoy = hasher.hash("decoy secret that matches nothing");
  }

  /** The value to record for {@code account}'s new {@code secret}: its hash, sealed. Blocking. */
  public String protect(Purpose purpose, String account, String secret) {
    return key.seal(purpose, account, hasher.hash(secret));
  }

  /**
   * Whether {@code secret} is {@code account}'s, given its {@code stored} value ({@code null}: no
   * such account, which is a {@link Outcome#MISMATCH}). Blocking: the KDF runs in every case.
   */
  public Outcome verify(Purpose purpose, String account, String secret, String stored) {
    String hash = stored == null ? decoy : unseal(purpose, account, stored);
    if (hash == null) {
      hasher.verify(secret, decoy);
      return Outcome.UNREADABLE;
    }
    return hasher.verify(secret, hash) && stored != null ? Outcome.MATCH : Outcome.MISMATCH;
  }

  /** Whether {@code stored} is sealed under a key other than this instance's. */
  public boolean sealedElsewhere(String stored) {
    try {
      return SealedForm.isSealed(stored) && !SealedForm.parse(stored).keyId().equals(key.id());
    } catch (MalformedSealException e) {
      return false;
    }
  }

  /**
   * How many accounts' stored secrets are sealed under each key id, deleted users left out: what
   * {@link io.cairn.api.sealing.SealingKeyFile#openOrCreate} needs to know at start-up.
   */
  public static Map<String, Integer> accountsByKeyId(IdentityView identity) {
    Map<String, Integer> count = new TreeMap<>();
    for (UserEntry user : identity.users()) {
      if (!user.deleted()) {
        countKey(user.passwordHash(), count);
      }
    }
    for (RobotEntry robot : identity.robots()) {
      countKey(robot.secretHash(), count);
    }
    return count;
  }

  private static void countKey(String stored, Map<String, Integer> count) {
    try {
      if (SealedForm.isSealed(stored)) {
        count.merge(SealedForm.parse(stored).keyId(), 1, Integer::sum);
      }
    } catch (MalformedSealException e) {
      // reported when someone signs in with it; it names no key to look for
    }
  }

  /** The plain hash in {@code stored}, or null (reported once) if it cannot be opened here. */
  private String unseal(Purpose purpose, String account, String stored) {
    if (!SealedForm.isSealed(stored)) {
      return stored; // written before sealing: the log keeps it as it was
    }
    try {
      return key.open(purpose, account, SealedForm.parse(stored));
    } catch (CannotOpenException e) {
      report(
          account,
          stored,
          "The stored secret of "
              + account
              + " is "
              + e.getMessage()
              + (e.otherKey()
                  ? ": restore the file that holds key "
                      + e.keyId()
                      + " (from a backup or another instance of this registry), or reset the secret"
                  : "; reset the secret"));
    } catch (MalformedSealException e) {
      report(
          account,
          stored,
          "The stored secret of "
              + account
              + " is not a sealed value this Cairn reads ("
              + e.getMessage()
              + "); reset the secret");
    }
    return null;
  }

  private void report(String account, String stored, String line) {
    if (reported.size() >= MAX_REPORTED) {
      reported.clear();
    }
    if (reported.add(account + "\0" + stored)) {
      LOG.error("Cannot check a presented secret: {}", line);
    }
  }
}

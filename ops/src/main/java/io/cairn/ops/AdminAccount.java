package io.cairn.ops;

import io.cairn.api.Backend;
import io.cairn.api.auth.SecretHash;
import io.cairn.api.auth.StoredSecrets;
import io.cairn.api.sealing.Purpose;
import io.cairn.events.UserCreated;
import io.cairn.events.UserPasswordChanged;
import io.cairn.projection.UserEntry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap administrator {@code admin}, created on the first start by an ordinary {@code
 * UserCreated} event from the system actor, like project {@code library}. Its password is the one
 * configured ({@code CAIRN_ADMIN_PASSWORD}) or, if none, a generated one that the caller prints
 * once: only its hash is ever stored, sealed.
 *
 * <p>If {@code admin}'s password is sealed under a key this instance does not have (the sealing key
 * was lost and an operator wrote a new one), nobody could ever administer the registry again: then
 * a configured password replaces it, so the operator can sign in and reset the other accounts.
 */
final class AdminAccount {
  static final String NAME = "admin";
  private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);

  private final Backend backend;
  private final StoredSecrets secrets;

  AdminAccount(Backend backend, StoredSecrets secrets) {
    this.backend = backend;
    this.secrets = secrets;
  }

  /** Creates the account if missing; returns the password if it was generated now. */
  Optional<String> ensure(String configured, Duration timeout) throws Exception {
    Optional<UserEntry> existing = backend.identity().user(NAME);
    if (existing.isPresent()) {
      if (configured != null && secrets.sealedElsewhere(existing.get().passwordHash())) {
        LOG.warn(
            "The password of {} is sealed under a key this instance does not have: replacing it"
                + " with CAIRN_ADMIN_PASSWORD",
            NAME);
        write(
            new UserPasswordChanged(NAME, secrets.protect(Purpose.USER_PASSWORD, NAME, configured)),
            timeout);
      } else if (configured != null) {
        warnIfIgnored(configured, existing.get());
      }
      return Optional.empty();
    }
    String password = configured != null ? configured : generate();
    write(
        UserCreated.newBuilder()
            .setUserId(1)
            .setUsername(NAME)
            .setRealname("system admin")
            .setPasswordHash(secrets.protect(Purpose.USER_PASSWORD, NAME, password))
            .setSysadmin(true)
            .build(),
        timeout);
    return configured != null ? Optional.empty() : Optional.of(password);
  }

  /**
   * One WARN when the configured password is not admin's (one KDF run, once per start): without it
   * an operator who changed the variable would believe the new password is in force. Never logs the
   * password.
   */
  private void warnIfIgnored(String configured, UserEntry admin) {
    StoredSecrets.Outcome outcome =
        secrets.verify(Purpose.USER_PASSWORD, NAME, configured, admin.passwordHash());
    if (outcome == StoredSecrets.Outcome.MISMATCH) {
      LOG.warn(
          "CAIRN_ADMIN_PASSWORD is ignored: it is not the password of {}, which was set when the"
              + " account was created. To change it, sign in as {} and PUT"
              + " /api/v2.0/users/{}/password with {\"old_password\":…,\"new_password\":…}",
          NAME,
          NAME,
          admin.userId());
    }
  }

  private void write(Object payload, Duration timeout) throws Exception {
    SystemWrites.registry(backend, payload, timeout);
  }

  /** Meets the password rule (upper, lower, digit) whatever the random part holds. */
  private static String generate() {
    return "Ca1-" + SecretHash.generate(20);
  }
}

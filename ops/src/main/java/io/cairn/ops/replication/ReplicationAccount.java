package io.cairn.ops.replication;

import io.cairn.api.Backend;
import io.cairn.api.auth.SecretHash;
import io.cairn.api.auth.StoredSecrets;
import io.cairn.api.sealing.Purpose;
import io.cairn.events.UserCreated;
import io.cairn.events.UserPasswordChanged;
import io.cairn.ops.SystemWrites;
import java.time.Duration;

/**
 * The account replication uses to read this Cairn (push policies) and to write into it (pull
 * policies) over the OCI API, as any other client would: the system administrator {@value #NAME}.
 * Its password exists only in this process's memory: a new one is made on the first use after each
 * start and recorded as an ordinary sealed password change, so no file, no event and no connector
 * configuration ever holds it in a form that opens, and a restart revokes the last one.
 */
final class ReplicationAccount {
  static final String NAME = "cairn-replicator";

  private final Backend backend;
  private final StoredSecrets secrets;
  private final Duration timeout;
  private String password;

  ReplicationAccount(Backend backend, StoredSecrets secrets, Duration timeout) {
    this.backend = backend;
    this.secrets = secrets;
    this.timeout = timeout;
  }

  /**
   * Creates the account if missing, before the API serves: user ids are given serially, and no
   * request can be taking one meanwhile. Its first password is thrown away unread.
   */
  void ensure() throws Exception {
    if (backend.identity().user(NAME).isPresent()) {
      return;
    }
    SystemWrites.registry(
        backend,
        UserCreated.newBuilder()
            .setUserId(backend.identity().highestUserId() + 1)
            .setUsername(NAME)
            .setRealname("replication (Cairn's own account; its password changes on every start)")
            .setPasswordHash(secrets.protect(Purpose.USER_PASSWORD, NAME, generate()))
            .setSysadmin(true)
            .build(),
        timeout);
  }

  /** This start's password, set on the first call. */
  synchronized String password() throws Exception {
    if (password == null) {
      String fresh = generate();
      SystemWrites.registry(
          backend,
          new UserPasswordChanged(NAME, secrets.protect(Purpose.USER_PASSWORD, NAME, fresh)),
          timeout);
      password = fresh;
    }
    return password;
  }

  private static String generate() {
    return "Ca1-" + SecretHash.generate(32);
  }
}

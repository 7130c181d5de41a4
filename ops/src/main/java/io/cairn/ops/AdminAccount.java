package io.cairn.ops;

import io.cairn.api.Backend;
import io.cairn.api.auth.SecretHash;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.UserCreated;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bootstrap administrator {@code admin}, created on the first start by an ordinary {@code
 * UserCreated} event from the system actor, like project {@code library}. Its password is the one
 * configured ({@code CAIRN_ADMIN_PASSWORD}) or, if none, a generated one that the caller prints
 * once: only its hash is ever stored.
 */
final class AdminAccount {
  static final String NAME = "admin";

  private final Backend backend;
  private final SecretHash hasher;

  AdminAccount(Backend backend, SecretHash hasher) {
    this.backend = backend;
    this.hasher = hasher;
  }

  /** Creates the account if missing; returns the password if it was generated now. */
  Optional<String> ensure(String configured, Duration timeout) throws Exception {
    if (backend.identity().user(NAME).isPresent()) {
      return Optional.empty();
    }
    String password = configured != null ? configured : generate();
    UserCreated created =
        UserCreated.newBuilder()
            .setUserId(1)
            .setUsername(NAME)
            .setRealname("system admin")
            .setPasswordHash(hasher.hash(password))
            .setSysadmin(true)
            .build();
    Actor system = new Actor(ActorKind.SYSTEM, "cairn");
    backend
        .writer()
        .write(List.of(backend.events().begin(system).registry(created)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    return configured != null ? Optional.empty() : Optional.of(password);
  }

  /** Meets the password rule (upper, lower, digit) whatever the random part holds. */
  private static String generate() {
    return "Ca1-" + SecretHash.generate(20);
  }
}

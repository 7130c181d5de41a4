package io.cairn.ops;

import io.cairn.api.Backend;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Registry-wide events Cairn writes for itself (its bootstrap accounts), as the system actor: the
 * audit stream shows them as Cairn's, never as a person's.
 */
public final class SystemWrites {
  static final Actor SYSTEM = new Actor(ActorKind.SYSTEM, "cairn");

  private SystemWrites() {}

  /** Writes {@code payload} and waits until the projection has applied it. */
  public static void registry(Backend backend, Object payload, Duration timeout) throws Exception {
    backend
        .writer()
        .write(List.of(backend.events().begin(SYSTEM).registry(payload)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }
}

package io.cairn.ops;

import io.cairn.api.Backend;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.ProjectCreated;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Project {@code library} exists from the start, as in Harbor: on the first start it is created by
 * an ordinary {@code ProjectCreated} event from the system actor, so the log stays the whole truth
 * and a rebuild recreates it.
 */
final class LibraryProject {
  static final String NAME = "library";

  private final Backend backend;

  LibraryProject(Backend backend) {
    this.backend = backend;
  }

  void ensure(Duration timeout) throws Exception {
    if (backend.view().project(NAME).isPresent()) {
      return;
    }
    Actor system = new Actor(ActorKind.SYSTEM, "cairn");
    ProjectCreated created = new ProjectCreated(NAME, 1, Map.of("public", "true"));
    backend
        .writer()
        .write(List.of(backend.events().begin(system).project(NAME, created)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }
}

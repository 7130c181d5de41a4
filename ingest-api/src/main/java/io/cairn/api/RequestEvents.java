package io.cairn.api;

import io.cairn.events.Actor;
import io.cairn.events.RegistryEvent;
import java.time.Clock;
import java.util.UUID;

/**
 * Builds the envelopes of the events one request writes: they share the request id, the actor and
 * the instant, so the audit stream shows them as one act.
 */
public final class RequestEvents {
  private final String origin;
  private final Clock clock;

  public RequestEvents(String origin, Clock clock) {
    this.origin = origin;
    this.clock = clock;
  }

  /** A builder for one request's events. */
  public Batch begin(Actor actor) {
    return new Batch(actor, UUID.randomUUID().toString());
  }

  /** The events of one request. */
  public final class Batch {
    private final Actor actor;
    private final String requestId;
    private final java.time.Instant at = clock.instant();

    private Batch(Actor actor, String requestId) {
      this.actor = actor;
      this.requestId = requestId;
    }

    /** An event about a repository {@code project/…}. */
    public RegistryEvent repository(String repository, Object payload) {
      return build(repository.substring(0, repository.indexOf('/')), repository, payload);
    }

    /** An event about a project as a whole. */
    public RegistryEvent project(String project, Object payload) {
      return build(project, null, payload);
    }

    /** A registry-wide event (users): project "", no repository. */
    public RegistryEvent registry(Object payload) {
      return build(io.cairn.projection.Store.REGISTRY_WIDE, null, payload);
    }

    private RegistryEvent build(String project, String repository, Object payload) {
      return RegistryEvent.newBuilder()
          .setEventId(UUID.randomUUID().toString())
          .setOccurredAt(at)
          .setActor(actor)
          .setOrigin(origin)
          .setRequestId(requestId)
          .setProject(project)
          .setRepository(repository)
          .setPayload(payload)
          .build();
    }
  }
}

package io.cairn.api;

import io.cairn.blob.BlobStore;
import io.cairn.events.Actor;
import io.cairn.projection.IdentityView;
import io.cairn.projection.RegistryView;
import io.cairn.projection.TrustView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** What request handlers work with: the read view, blob bytes, the write path, the seam. */
public record Backend(
    Vertx vertx,
    RegistryView view,
    IdentityView identity,
    TrustView trust,
    BlobStore blobs,
    EventWriter writer,
    RequestEvents events,
    Authorizer authorizer,
    AccessLog accessLog) {

  /** Writes one event of {@code project} by {@code actor}; completes once reads see it. */
  public Future<Void> recordProject(Actor actor, String project, Object payload) {
    return writer.write(List.of(events.begin(actor).project(project, payload)));
  }

  /** Writes one registry-wide event (users) by {@code actor}; completes once reads see it. */
  public Future<Void> recordRegistry(Actor actor, Object payload) {
    return writer.write(List.of(events.begin(actor).registry(payload)));
  }
}

package io.cairn.api;

import io.cairn.events.Actor;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The seam every request passes before it reads or writes. An implementation succeeds with the
 * actor to record in events, or fails with an {@link io.cairn.oci.OciException} ({@code
 * UNAUTHORIZED} or {@code DENIED}). Thread-safe; called on the event loop, so it must not block.
 */
public interface Authorizer {
  Future<Actor> authorize(RoutingContext ctx, Access access);
}

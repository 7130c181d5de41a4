package io.cairn.api;

import io.cairn.api.auth.Caller;
import io.cairn.events.Actor;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * The seam every request passes before it reads or writes. {@link #authorize} succeeds with the
 * actor to record in events, or fails with an {@link io.cairn.oci.OciException}: {@code
 * UNAUTHORIZED} (401) when the caller sent no or bad credentials, or a token without the needed
 * grant; {@code DENIED} (403) when a known caller may not. Thread-safe; called on the event loop,
 * so it must not block.
 */
public interface Authorizer {
  Future<Actor> authorize(RoutingContext ctx, Access access);

  /** The request's caller, for handlers that decide more (e.g. content-trust exemption). */
  Future<Caller> caller(RoutingContext ctx);

  /**
   * Which projects the caller may see (list and pull from), for lists that must not reveal private
   * projects to outsiders. The predicate is for this request only.
   */
  Future<Predicate<String>> visibleProjects(RoutingContext ctx);
}

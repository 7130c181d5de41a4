package io.cairn.api.replication;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.events.Actor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The replication API is Harbor's system-administrator API: a handler here runs for a system
 * administrator, and anyone else gets 401 (no credentials) or 403 in Harbor's error body.
 */
final class AdminOnly {
  /** What runs once the caller is known to be a system administrator. */
  interface Work {
    Future<Void> handle(RoutingContext ctx, Actor admin);
  }

  private AdminOnly() {}

  static Handler<RoutingContext> route(Backend backend, Work work) {
    return ctx ->
        backend
            .authorizer()
            .authorize(ctx, Access.Registry.ADMINISTER)
            .compose(actor -> work.handle(ctx, actor))
            .onFailure(ctx::fail);
  }
}

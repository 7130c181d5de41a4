package io.cairn.api;

import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Lets everyone do everything, as the anonymous actor. Stands until identity and tokens exist. */
public final class AllowAll implements Authorizer {
  private static final Actor ANONYMOUS = new Actor(ActorKind.ANONYMOUS, "anonymous");

  @Override
  public Future<Actor> authorize(RoutingContext ctx, Access access) {
    return Future.succeededFuture(ANONYMOUS);
  }
}

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
  /** The request-context key of {@link #alsoChallengeFor}'s scope. */
  String EXTRA_SCOPE = "cairn.challenge.extra-scope";

  /**
   * Names one more scope in this request's 401 challenges, beside the one its access needs: a
   * cross-repository mount also reads its {@code from} repository, and a token client can ask for
   * both at once only if the challenge names both, space-separated in one {@code scope} parameter
   * (as distribution and Harbor do).
   */
  static void alsoChallengeFor(RoutingContext ctx, String scope) {
    ctx.put(EXTRA_SCOPE, scope);
  }

  Future<Actor> authorize(RoutingContext ctx, Access access);

  /** The request's caller, for handlers that decide more (e.g. content-trust exemption). */
  Future<Caller> caller(RoutingContext ctx);

  /**
   * Which projects the caller may see (list and pull from), for lists that must not reveal private
   * projects to outsiders. The predicate is for this request only.
   */
  Future<Predicate<String>> visibleProjects(RoutingContext ctx);
}

package io.cairn.api;

import io.cairn.oci.OciErrorCode;
import io.cairn.projection.AppliedOffsets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/v2.0/cairn/applied?partition=P&offset=O}: answers once this instance's projection
 * has applied offset {@code O} of partition {@code P} of the event log, so that what the event at
 * that offset wrote is visible to every read that follows. A consumer of the log that reads the
 * registry back over HTTP (the replication connector) asks this before it reads, and so never takes
 * "not yet applied" for "deleted". Waits at most {@code wait_ms} (default 10 s, at most 30 s), then
 * answers 503 so the caller retries. Any signed-in caller may ask: it reveals no more than how far
 * the projection has read.
 */
public final class AppliedRoutes {
  static final String PATH = "/api/v2.0/cairn/applied";
  private static final long DEFAULT_WAIT_MS = 10_000;
  private static final long MAX_WAIT_MS = 30_000;

  private final Backend backend;
  private final AppliedOffsets applied;

  public AppliedRoutes(Backend backend, AppliedOffsets applied) {
    this.backend = backend;
    this.applied = applied;
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> answer(ctx).onFailure(ctx::fail));
  }

  private Future<Void> answer(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.PING)
        .compose(
            actor -> {
              int partition = (int) number(ctx, "partition", 0, Integer.MAX_VALUE, -1);
              long offset = number(ctx, "offset", 0, Long.MAX_VALUE, -1);
              long wait = number(ctx, "wait_ms", 0, MAX_WAIT_MS, DEFAULT_WAIT_MS);
              return Future.fromCompletionStage(
                      applied.whenApplied(partition, offset).orTimeout(wait, TimeUnit.MILLISECONDS),
                      backend.vertx().getOrCreateContext())
                  .recover(
                      e ->
                          Future.failedFuture(
                              e instanceof TimeoutException
                                  ? OciErrorCode.UNAVAILABLE.exception(
                                      "the projection has not reached offset "
                                          + offset
                                          + " of partition "
                                          + partition
                                          + " yet (at "
                                          + applied.highest(partition)
                                          + "): ask again")
                                  : e))
                  .compose(
                      v ->
                          ctx.response()
                              .putHeader("Content-Type", "application/json")
                              .end(
                                  new JsonObject()
                                      .put("partition", partition)
                                      .put("offset", offset)
                                      .put("applied", true)
                                      .encode()));
            });
  }

  /** A whole number query parameter in [min, max]; required when {@code otherwise} is negative. */
  private static long number(RoutingContext ctx, String name, long min, long max, long otherwise) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      if (otherwise < 0) {
        throw OciErrorCode.BAD_REQUEST.exception(name + " is required");
      }
      return otherwise;
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw OciErrorCode.BAD_REQUEST.exception(
          name + " must be a whole number from " + min + " to " + max);
    }
  }
}

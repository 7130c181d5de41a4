package io.cairn.api;

import io.cairn.events.EventLog;
import io.cairn.events.RegistryEvent;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.AppliedOffsets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The write path on Kafka, steps 3 and 4: append a request's events atomically, then wait until the
 * local projection has applied them, so the client reads its own write. Either step failing or
 * outlasting the bound is {@code UNAVAILABLE} (503): the client may retry, and never sees a success
 * that a read would contradict.
 */
public final class KafkaEventWriter implements EventWriter {
  private final EventLog log;
  private final AppliedOffsets applied;
  private final Duration timeout;
  private final Vertx vertx;

  public KafkaEventWriter(EventLog log, AppliedOffsets applied, Duration timeout, Vertx vertx) {
    this.log = log;
    this.applied = applied;
    this.timeout = timeout;
    this.vertx = vertx;
  }

  @Override
  public Future<Void> write(List<RegistryEvent> events) {
    CompletableFuture<Void> visible =
        log.append(events)
            .thenCompose(
                positions ->
                    CompletableFuture.allOf(
                        positions.stream()
                            .map(p -> applied.whenApplied(p.partition(), p.offset()))
                            .toArray(CompletableFuture[]::new)))
            .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Future.fromCompletionStage(visible, vertx.getOrCreateContext())
        .recover(
            failure ->
                Future.failedFuture(
                    OciErrorCode.UNAVAILABLE.exception(
                        "the write could not be recorded in time; retry: " + failure)));
  }
}

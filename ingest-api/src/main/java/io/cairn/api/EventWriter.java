package io.cairn.api;

import io.cairn.events.RegistryEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * Records one request's events: all of them or none, and visible to reads once the future succeeds
 * (read-your-writes). A failure is {@code UNAVAILABLE}: nothing the client may rely on was written.
 * Thread-safe.
 */
public interface EventWriter {
  Future<Void> write(List<RegistryEvent> events);
}

package io.cairn.api.replication;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The replication API's writes (registry endpoints and policies), one after another: each starts
 * once the previous one is visible to reads, so every check it makes (a name is free, a registry
 * exists, no policy uses a registry) and every id it assigns sees all earlier writes of this
 * instance. Shared by {@link RegistryRoutes} and {@link PolicyRoutes}, so a policy cannot name an
 * endpoint whose deletion is under way. Thread-safe.
 */
public final class SerialWrites {
  /** The last write started. Guarded by {@code this}. */
  private Future<?> last = Future.succeededFuture();

  /** Runs {@code write} once every earlier write has completed, whether or not it succeeded. */
  public synchronized <T> Future<T> run(Supplier<Future<T>> write) {
    Future<T> next = last.transform(previous -> write.get());
    last = next;
    return next;
  }
}

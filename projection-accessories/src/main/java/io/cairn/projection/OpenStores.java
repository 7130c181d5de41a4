package io.cairn.projection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores of the tasks this instance is running, handed over by the fold processor of each task
 * when Streams initialises it (restoration done) and taken back when Streams closes it (rebalance,
 * shutdown). The read side asks here first: an interactive query ({@code KafkaStreams#store}) finds
 * the same store objects, but rebuilds the set of local tasks under the stream thread's lock on
 * every call, which profiling showed to be the largest single cost of a manifest GET. A store that
 * is absent here, or that closes under a read, sends the reader back to the interactive query,
 * which waits out rebalances.
 */
public final class OpenStores {
  private final Map<Store, ConcurrentHashMap<Integer, ReadOnlyKeyValueStore<String, String>>>
      byStore = new EnumMap<>(Store.class);

  public OpenStores() {
    for (Store store : Store.values()) {
      byStore.put(store, new ConcurrentHashMap<>());
    }
  }

  /** {@code store} of {@code partition}'s task, or {@code null} when no running task holds it. */
  public ReadOnlyKeyValueStore<String, String> of(Store store, int partition) {
    return byStore.get(store).get(partition);
  }

  void opened(Store store, int partition, ReadOnlyKeyValueStore<String, String> handle) {
    byStore.get(store).put(partition, handle);
  }

  /** Takes back {@code handle} only: a newer task of the same partition may already have opened. */
  void closed(Store store, int partition, ReadOnlyKeyValueStore<String, String> handle) {
    byStore.get(store).remove(partition, handle);
  }
}

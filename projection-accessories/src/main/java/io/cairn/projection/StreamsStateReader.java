package io.cairn.projection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateReader} over the stores of Kafka Streams: those its running tasks handed to {@link
 * OpenStores}, else an interactive query. A keyed read goes to the partition of its key; a read
 * across partitions merges each partition's sorted run. Assumes every partition is local (one
 * instance); more instances would route each read to the active host of its partition, which {@link
 * #partitionOf} is the place to ask.
 */
public final class StreamsStateReader implements StateReader {
  /** Keys are ASCII; DEL sorts after all of them and closes a prefix range. */
  private static final String PREFIX_END = "\u007f";

  private static final int ATTEMPTS = 50;

  private final KafkaStreams streams;
  private final OpenStores open;
  private final int partitions;

  public StreamsStateReader(KafkaStreams streams, OpenStores open, int partitions) {
    this.streams = streams;
    this.open = open;
    this.partitions = partitions;
  }

  @Override
  public String get(Store store, String partitionKey, String key) {
    int partition = partitionOf(partitionKey);
    ReadOnlyKeyValueStore<String, String> handle = open.of(store, partition);
    if (handle != null) {
      try {
        return handle.get(key);
      } catch (InvalidStateStoreException closing) {
        // the task closed under the read: ask Streams, which waits for its successor
      }
    }
    return retrying(() -> store(store, partition).get(key));
  }

  @Override
  public List<Map.Entry<String, String>> scan(
      Store store, String partitionKey, String prefix, String after, int limit) {
    if (partitionKey != null) {
      return scanPartition(store, partitionOf(partitionKey), prefix, after, limit);
    }
    List<Map.Entry<String, String>> merged = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      merged.addAll(scanPartition(store, p, prefix, after, limit));
    }
    merged.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
  }

  private List<Map.Entry<String, String>> scanPartition(
      Store store, int partition, String prefix, String after, int limit) {
    ReadOnlyKeyValueStore<String, String> handle = open.of(store, partition);
    if (handle != null) {
      try {
        return scan(handle, prefix, after, limit);
      } catch (InvalidStateStoreException closing) {
        // as in get
      }
    }
    return retrying(() -> scan(store(store, partition), prefix, after, limit));
  }

  private static List<Map.Entry<String, String>> scan(
      ReadOnlyKeyValueStore<String, String> store, String prefix, String after, int limit) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    String from = after != null && after.compareTo(prefix) >= 0 ? after : prefix;
    try (KeyValueIterator<String, String> it = store.range(from, prefix + PREFIX_END)) {
      while (it.hasNext() && out.size() < limit) {
        KeyValue<String, String> kv = it.next();
        if (kv.key.equals(after)) {
          continue;
        }
        if (!kv.key.startsWith(prefix)) {
          break;
        }
        out.add(Map.entry(kv.key, kv.value));
      }
    }
    return out;
  }

  /**
   * The partition the producer's default partitioner gives the event key: murmur2 of its UTF-8
   * bytes. Computed here rather than asked of {@code queryMetadataForKey}, which needs {@code
   * application.server}; a multi-instance deployment routes with that instead.
   */
  private int partitionOf(String partitionKey) {
    byte[] bytes = partitionKey.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }

  private ReadOnlyKeyValueStore<String, String> store(Store store, int partition) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
                store.storeName(), QueryableStoreTypes.<String, String>keyValueStore())
            .withPartition(partition));
  }

  /** Rebalances and restores make stores briefly unqueryable: retry, bounded, then give up. */
  private static <T> T retrying(Supplier<T> read) {
    InvalidStateStoreException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return read.get();
      } catch (InvalidStateStoreException e) {
        last = e;
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new ProjectionUnavailableException("projection store not queryable", last);
  }
}

package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The projection's topology: one source (the event topic), one fold processor, one RocksDB store
 * per {@link Store}. Knows no configuration; the composition root runs it.
 */
public final class ProjectionTopology {
  private static final String SOURCE = "cairn-events";
  private static final String FOLD = "fold";

  private ProjectionTopology() {}

  public static Topology build(
      String eventsTopic, Serde<RegistryEvent> events, AppliedOffsets applied) {
    return build(eventsTopic, events, applied, ChangeListener.NONE, new OpenStores());
  }

  /**
   * As {@link #build(String, Serde, AppliedOffsets)}, telling {@code listener} every change and
   * {@code open} every task's stores.
   */
  public static Topology build(
      String eventsTopic,
      Serde<RegistryEvent> events,
      AppliedOffsets applied,
      ChangeListener listener,
      OpenStores open) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, Serdes.String().deserializer(), events.deserializer(), eventsTopic);
    topology.addProcessor(FOLD, () -> new FoldProcessor(applied, listener, open), SOURCE);
    for (Store store : Store.values()) {
      topology.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(store.storeName()),
                  Serdes.String(),
                  Serdes.String())
              // Uncached, so a read after the applied-offset signal sees the write.
              .withCachingDisabled(),
          FOLD);
    }
    return topology;
  }
}

package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads state, calls {@link RegistryFold}, stores the changes, reports the offset; once, builds the
 * {@link DerivedIndex}es that restored state predates.
 */
final class FoldProcessor implements Processor<String, RegistryEvent, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(FoldProcessor.class);
  private final AppliedOffsets applied;
  private final ChangeListener listener;
  private final OpenStores open;
  private final Map<Store, KeyValueStore<String, String>> stores = new EnumMap<>(Store.class);
  private ProcessorContext<Void, Void> context;
  private final List<DerivedIndex> unbuilt = new ArrayList<>();
  private Cancellable buildIndexes;

  FoldProcessor(AppliedOffsets applied, ChangeListener listener, OpenStores open) {
    this.applied = applied;
    this.listener = listener;
    this.open = open;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    for (Store store : Store.values()) {
      stores.put(store, context.getStateStore(store.storeName()));
    }
    int partition = context.taskId().partition();
    stores.forEach((store, handle) -> open.opened(store, partition, handle));
    // Restored state may predate an index: built before the first record, or at once when no
    // record comes (a store cannot be written to in init, only from a record or a punctuation).
    for (DerivedIndex index : DerivedIndex.ALL) {
      if (stores.get(index.store()).get(DerivedIndex.BUILT) == null) {
        unbuilt.add(index);
      }
    }
    if (!unbuilt.isEmpty()) {
      buildIndexes =
          context.schedule(
              Duration.ofMillis(1), PunctuationType.WALL_CLOCK_TIME, t -> buildIndexes());
    }
  }

  /** Builds each index this partition's state predates (see {@link DerivedIndex}), once. */
  private void buildIndexes() {
    if (unbuilt.isEmpty()) {
      return;
    }
    for (DerivedIndex index : unbuilt) {
      KeyValueStore<String, String> into = stores.get(index.store());
      int entries = 0;
      try (KeyValueIterator<String, String> rows = stores.get(index.from()).all()) {
        while (rows.hasNext()) {
          KeyValue<String, String> row = rows.next();
          for (Change entry : index.entries().apply(row.key, row.value)) {
            into.put(entry.key(), "");
            entries++;
          }
        }
      }
      into.put(DerivedIndex.BUILT, "");
      if (entries > 0) {
        LOG.info(
            "built {} of partition {} from {}: {} entries (state folded before it existed)",
            index.store().storeName(),
            context.taskId().partition(),
            index.from().storeName(),
            entries);
      }
    }
    unbuilt.clear();
    buildIndexes.cancel();
  }

  @Override
  public void close() {
    int partition = context.taskId().partition();
    stores.forEach((store, handle) -> open.closed(store, partition, handle));
  }

  @Override
  public void process(Record<String, RegistryEvent> record) {
    buildIndexes();
    if (record.value() != null) {
      for (Change change : RegistryFold.evolve(this::lookup, record.value())) {
        KeyValueStore<String, String> store = stores.get(change.store());
        if (change instanceof Change.Put put) {
          store.put(put.key(), put.value());
        } else {
          store.delete(change.key());
        }
        listener.changed(change);
      }
    }
    context.recordMetadata().ifPresent(meta -> applied.applied(meta.partition(), meta.offset()));
  }

  private String lookup(Store store, String key) {
    return stores.get(store).get(key);
  }
}

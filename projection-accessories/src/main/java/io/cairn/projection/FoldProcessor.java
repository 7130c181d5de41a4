package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
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
 * Loads state, calls {@link RegistryFold}, stores the changes, reports the offset; once, indexes
 * tags folded before {@link TagIndex} existed.
 */
final class FoldProcessor implements Processor<String, RegistryEvent, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(FoldProcessor.class);
  private final AppliedOffsets applied;
  private final ChangeListener listener;
  private final OpenStores open;
  private final Map<Store, KeyValueStore<String, String>> stores = new EnumMap<>(Store.class);
  private ProcessorContext<Void, Void> context;
  private boolean indexBuilt;
  private Cancellable buildIndex;

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
    // Restored state may predate the tag index: built before the first record, or at once when
    // no record comes (a store cannot be written to in init, only from a record or a punctuation).
    indexBuilt = stores.get(Store.TAGS_OF).get(TagIndex.BUILT) != null;
    if (!indexBuilt) {
      buildIndex =
          context.schedule(
              Duration.ofMillis(1), PunctuationType.WALL_CLOCK_TIME, t -> buildIndex());
    }
  }

  /** Indexes every tag of this partition (see {@link TagIndex}), then marks the index built. */
  private void buildIndex() {
    if (indexBuilt) {
      return;
    }
    KeyValueStore<String, String> index = stores.get(Store.TAGS_OF);
    int entries = 0;
    try (KeyValueIterator<String, String> tags = stores.get(Store.TAGS).all()) {
      while (tags.hasNext()) {
        KeyValue<String, String> tag = tags.next();
        Optional<Change> entry = TagIndex.entryOf(tag.key, tag.value);
        if (entry.isPresent()) {
          index.put(entry.get().key(), "");
          entries++;
        }
      }
    }
    index.put(TagIndex.BUILT, "");
    indexBuilt = true;
    buildIndex.cancel();
    if (entries > 0) {
      LOG.info(
          "indexed {} tags of partition {} by manifest (state folded before the index existed)",
          entries,
          context.taskId().partition());
    }
  }

  @Override
  public void close() {
    int partition = context.taskId().partition();
    stores.forEach((store, handle) -> open.closed(store, partition, handle));
  }

  @Override
  public void process(Record<String, RegistryEvent> record) {
    buildIndex();
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

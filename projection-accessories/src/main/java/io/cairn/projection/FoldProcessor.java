package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Loads state, calls {@link RegistryFold}, stores the changes, reports the offset. Nothing else.
 */
final class FoldProcessor implements Processor<String, RegistryEvent, Void, Void> {
  private final AppliedOffsets applied;
  private final ChangeListener listener;
  private final OpenStores open;
  private final Map<Store, KeyValueStore<String, String>> stores = new EnumMap<>(Store.class);
  private ProcessorContext<Void, Void> context;

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
  }

  @Override
  public void close() {
    int partition = context.taskId().partition();
    stores.forEach((store, handle) -> open.closed(store, partition, handle));
  }

  @Override
  public void process(Record<String, RegistryEvent> record) {
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

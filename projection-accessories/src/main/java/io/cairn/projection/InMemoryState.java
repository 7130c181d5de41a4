package io.cairn.projection;

import io.cairn.events.RegistryEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The projection held in sorted maps: the same fold as the Kafka Streams topology, for tests and
 * for comparing a live projection with a fresh fold of the log. Thread-safe for one writer and many
 * readers.
 */
public final class InMemoryState implements StateLookup, StateReader {
  private final Map<Store, NavigableMap<String, String>> stores = new EnumMap<>(Store.class);

  public InMemoryState() {
    for (Store store : Store.values()) {
      stores.put(store, new ConcurrentSkipListMap<>());
    }
    // folded from the start: every row it will hold is indexed as it comes
    for (DerivedIndex index : DerivedIndex.ALL) {
      stores.get(index.store()).put(DerivedIndex.BUILT, "");
    }
  }

  /** Folds one event into the maps. */
  public void apply(RegistryEvent event) {
    for (Change change : RegistryFold.evolve(this, event)) {
      NavigableMap<String, String> map = stores.get(change.store());
      if (change instanceof Change.Put put) {
        map.put(put.key(), put.value());
      } else {
        map.remove(change.key());
      }
    }
  }

  @Override
  public String get(Store store, String key) {
    return stores.get(store).get(key);
  }

  @Override
  public String get(Store store, String partitionKey, String key) {
    return get(store, key);
  }

  @Override
  public List<Map.Entry<String, String>> scan(
      Store store, String partitionKey, String prefix, String after, int limit) {
    NavigableMap<String, String> map = stores.get(store);
    NavigableMap<String, String> tail =
        after != null && after.compareTo(prefix) >= 0
            ? map.tailMap(after, false)
            : map.tailMap(prefix, true);
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> e : tail.entrySet()) {
      if (!e.getKey().startsWith(prefix) || out.size() >= limit) {
        break;
      }
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Empties one store: state as it was before that store existed, for tests. */
  void clear(Store store) {
    stores.get(store).clear();
  }

  /** A copy of one store's contents, for comparisons in tests. */
  public NavigableMap<String, String> snapshot(Store store) {
    return new java.util.TreeMap<>(stores.get(store));
  }
}

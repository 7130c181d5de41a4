package io.cairn.projection;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Decoded entries of small, hot, rarely written stores (projects, users, members, robots, trust
 * generations and verdicts), dropped when the fold changes them. Every pull asks for its project
 * and, under content trust, its verdict; decoding JSON for each would cost more than the rest of
 * the pull.
 *
 * <p>Read-your-writes holds as for {@link AccessoryCache}: the fold drops a key before its offset
 * counts as applied, and a load that raced a drop (or a {@link #clear}) is served but not kept.
 * Absence is cached too, so a pull from a project without a verdict does not read the store.
 */
public final class EntryCache implements ChangeListener {
  private static final int MAX_ENTRIES = 200_000;
  private static final Object ABSENT = new Object();

  /** {@code value} null: not loaded; {@link #ABSENT}: known to be absent. */
  private record Slot(long stamp, Object value) {}

  private final Set<Store> stores;

  /** One map per store, so a lookup hashes only the key the view already built. */
  private final Map<Store, ConcurrentHashMap<String, Slot>> slotsByStore =
      new EnumMap<>(Store.class);

  private final AtomicLong epoch = new AtomicLong();

  public EntryCache(Set<Store> stores) {
    this.stores = EnumSet.copyOf(stores);
    for (Store store : this.stores) {
      slotsByStore.put(store, new ConcurrentHashMap<>());
    }
  }

  /** The stores Cairn caches this way. */
  public static EntryCache forHotStores() {
    return new EntryCache(
        EnumSet.of(
            Store.PROJECTS, Store.USERS, Store.MEMBERS, Store.ROBOTS, Store.TRUST, Store.VERDICTS));
  }

  /** The decoded entry under {@code key} of {@code store}, from the cache or {@code load}. */
  @SuppressWarnings("unchecked")
  <T> T get(Store store, String key, Supplier<T> load) {
    ConcurrentHashMap<String, Slot> slots = slotsByStore.get(store);
    if (slots == null) {
      return load.get();
    }
    Slot slot = slots.get(key);
    if (slot != null && slot.value() != null) {
      return slot.value() == ABSENT ? null : (T) slot.value();
    }
    if (slot == null) {
      if (slots.size() >= MAX_ENTRIES) {
        return load.get(); // full: serve uncached rather than evict under a lock
      }
      // A placeholder first, so a change that lands while loading has a slot to bump.
      slot = slots.computeIfAbsent(key, k -> new Slot(0, null));
      if (slot.value() != null) {
        return slot.value() == ABSENT ? null : (T) slot.value();
      }
    }
    long stamp = slot.stamp();
    long began = epoch.get();
    T loaded = load.get();
    Object kept = loaded == null ? ABSENT : loaded;
    slots.compute(
        key,
        (k, current) -> {
          long now = current == null ? 0 : current.stamp();
          return now == stamp && epoch.get() == began ? new Slot(stamp, kept) : current;
        });
    return loaded;
  }

  @Override
  public void changed(Change change) {
    ConcurrentHashMap<String, Slot> slots = slotsByStore.get(change.store());
    if (slots != null) {
      // Only keys someone read have slots: writes alone never grow the cache.
      slots.computeIfPresent(change.key(), (k, current) -> new Slot(current.stamp() + 1, null));
    }
  }

  /** Forgets everything, e.g. when a store is restored from its changelog behind the fold. */
  public void clear() {
    epoch.incrementAndGet();
    slotsByStore
        .values()
        .forEach(s -> s.replaceAll((key, slot) -> new Slot(slot.stamp() + 1, null)));
  }
}

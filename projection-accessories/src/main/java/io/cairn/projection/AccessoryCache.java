package io.cairn.projection;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The accessory lists of recently read subjects, dropped when the fold changes one of their links.
 * Reads of signed artifacts (accessory API, referrers, trust checks) far outnumber signings, and a
 * list costs a range scan of the store, so the hot ones are kept decoded.
 *
 * <p>Read-your-writes holds: the fold drops a subject's list before its offset counts as applied,
 * and a list loaded while a change to it was being written is not kept, because every drop bumps
 * the subject's stamp and a load is kept only if the stamp it started with is still current.
 */
public final class AccessoryCache implements ChangeListener {
  private static final int MAX_SUBJECTS = 100_000;

  private record Slot(long stamp, List<AccessoryEntry> list) {}

  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  /** Bumped by {@link #clear}: a load that began before a clear is never kept. */
  private final AtomicLong epoch = new AtomicLong();

  /** The list of {@code repository subject}, from the cache or {@code load}. */
  List<AccessoryEntry> get(String subjectKey, Supplier<List<AccessoryEntry>> load) {
    Slot slot = slots.get(subjectKey);
    if (slot != null && slot.list() != null) {
      return slot.list();
    }
    long stamp = slot == null ? 0 : slot.stamp();
    long began = epoch.get();
    List<AccessoryEntry> loaded = List.copyOf(load.get());
    if (slots.size() >= MAX_SUBJECTS) {
      return loaded; // full: serve uncached rather than evict under a lock
    }
    slots.compute(
        subjectKey,
        (key, current) -> {
          long now = current == null ? 0 : current.stamp();
          return now == stamp && epoch.get() == began ? new Slot(stamp, loaded) : current;
        });
    return loaded;
  }

  @Override
  public void changed(Change change) {
    if (change.store() == Store.ACCESSORIES) {
      String key = change.key(); // repository subject accessory
      drop(key.substring(0, key.lastIndexOf(Store.SEP)));
    }
  }

  /** Forgets everything, e.g. when a store is restored from its changelog behind the fold. */
  public void clear() {
    epoch.incrementAndGet();
    slots.replaceAll((key, slot) -> new Slot(slot.stamp() + 1, null));
  }

  private void drop(String subjectKey) {
    slots.compute(
        subjectKey, (key, current) -> new Slot(current == null ? 1 : current.stamp() + 1, null));
  }
}

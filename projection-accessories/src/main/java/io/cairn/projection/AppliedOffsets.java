package io.cairn.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the local projection has folded each partition of the event topic, and futures for
 * writers waiting to read their own write. The processor reports after its store writes, so a
 * completed future means a read now sees the event. Thread-safe.
 */
public final class AppliedOffsets {
  private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();

  /** Called by the fold processor once the event at {@code offset} is in the stores. */
  public void applied(int partition, long offset) {
    partitions.computeIfAbsent(partition, p -> new Partition()).applied(offset);
  }

  /** Completes once the event at {@code offset} of {@code partition} has been applied. */
  public CompletableFuture<Void> whenApplied(int partition, long offset) {
    return partitions.computeIfAbsent(partition, p -> new Partition()).whenApplied(offset);
  }

  /** The highest applied offset of a partition, or -1 when none was applied in this process. */
  public long highest(int partition) {
    Partition p = partitions.get(partition);
    return p == null ? -1 : p.highest();
  }

  private static final class Partition {
    private long highest = -1;
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();

    void applied(long offset) {
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      synchronized (this) {
        highest = Math.max(highest, offset);
        Map<Long, List<CompletableFuture<Void>>> done = waiting.headMap(highest, true);
        done.values().forEach(ready::addAll);
        done.clear();
      }
      ready.forEach(f -> f.complete(null)); // outside the lock: callbacks may be slow
    }

    synchronized CompletableFuture<Void> whenApplied(long offset) {
      if (offset <= highest) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> future = new CompletableFuture<>();
      waiting.computeIfAbsent(offset, o -> new ArrayList<>(1)).add(future);
      return future;
    }

    synchronized long highest() {
      return highest;
    }
  }
}

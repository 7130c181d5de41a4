package io.cairn.ops.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads that are compared with each other, run in alternating short slices instead of one after the
 * other: forward order in one slice, reverse order in the next, so every load sits at every
 * position equally often. Whatever drifts during a round — background work left by the pushes
 * before it (the fold, the policy processor, RocksDB flushes), GC, the JIT, other processes on the
 * machine — then falls on all of them alike instead of on whichever ran first; the ratios measure
 * the requests, not the moment. Each slice is a fresh closed-loop load with the same connection
 * count; a load's result adds up its slices.
 */
final class Interleaved {
  /** One load of the comparison. */
  @FunctionalInterface
  interface Slice {
    Load.Result run(double seconds) throws Exception;
  }

  private Interleaved() {}

  /**
   * How many slices a load of {@code seconds} is cut into: about one per second (much shorter
   * slices would measure connection set-up more than requests), even so that forward and reverse
   * order pair up, and at least 2.
   */
  static int slices(double seconds) {
    int n = (int) Math.max(2, Math.round(seconds));
    return n % 2 == 0 ? n : n + 1;
  }

  /**
   * Runs every load for {@code seconds} in total, sliced and alternated, the order rotated by
   * {@code rotation} (e.g. the round number, so no load always goes first after whatever ran
   * before); results in the order of {@code loads}. {@code profiler} records each slice as {@code
   * prefix-name-slice}.
   */
  static Map<String, Load.Result> run(
      Map<String, Slice> loads, double seconds, int rotation, LoadProfiler profiler, String prefix)
      throws Exception {
    int slices = slices(seconds);
    double each = seconds / slices;
    List<String> order = new ArrayList<>(loads.keySet());
    Collections.rotate(order, -rotation);
    Map<String, Load.Result> results = new LinkedHashMap<>();
    for (int slice = 0; slice < slices; slice++) {
      for (String name : order) {
        Slice load = loads.get(name);
        Load.Result r = profiler.record(prefix + "-" + name + "-" + slice, () -> load.run(each));
        results.merge(name, r, Load.Result::plus);
      }
      Collections.reverse(order);
    }
    Map<String, Load.Result> inOrder = new LinkedHashMap<>();
    loads.keySet().forEach(name -> inOrder.put(name, results.get(name)));
    return inOrder;
  }
}

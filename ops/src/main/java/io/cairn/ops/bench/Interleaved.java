package io.cairn.ops.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Loads that are compared with each other, run in alternating short slices instead of one after the
 * other: forward order in one slice, reverse order in the next, so every load sits at every
 * position equally often. Whatever drifts during a round — background work left by the pushes
 * before it (the fold, the policy processor, RocksDB flushes), GC, the JIT, other processes on the
 * machine — then falls on all of them alike instead of on whichever ran first; the ratios measure
 * the requests, not the moment. Each slice is a fresh closed-loop load with the same connection
 * count.
 *
 * <p>A load's totals add up its slices; comparisons use the median slice instead ({@link
 * Outcome#medianPerSecond}). A disturbance shorter than a pass (a GC pause, a RocksDB flush, the
 * broker rolling a segment, a neighbour's burst) lands on one load's slice and would move that
 * load's total by several percent; the median of six slices ignores it. A real difference in the
 * cost of a request is in every slice, so the median keeps it.
 */
final class Interleaved {
  /** One load of the comparison. */
  @FunctionalInterface
  interface Slice {
    Load.Result run(double seconds) throws Exception;
  }

  /** One load's slices, in the order they ran, and their sum. */
  record Outcome(Load.Result total, List<Load.Result> slices) {
    /** Requests per second of the median slice. */
    double medianPerSecond() {
      return median(Load.Result::perSecond);
    }

    /** Process CPU per request of the median slice by that measure, in microseconds. */
    double medianCpuMicrosPerRequest() {
      return median(Load.Result::cpuMicrosPerRequest);
    }

    private double median(ToDoubleFunction<Load.Result> metric) {
      double[] values = slices.stream().mapToDouble(metric).sorted().toArray();
      int n = values.length;
      return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
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
  static Map<String, Outcome> run(
      Map<String, Slice> loads, double seconds, int rotation, LoadProfiler profiler, String prefix)
      throws Exception {
    int slices = slices(seconds);
    double each = seconds / slices;
    List<String> order = new ArrayList<>(loads.keySet());
    Collections.rotate(order, -rotation);
    Map<String, List<Load.Result>> results = new LinkedHashMap<>();
    loads.keySet().forEach(name -> results.put(name, new ArrayList<>()));
    for (int slice = 0; slice < slices; slice++) {
      for (String name : order) {
        Slice load = loads.get(name);
        results
            .get(name)
            .add(profiler.record(prefix + "-" + name + "-" + slice, () -> load.run(each)));
      }
      Collections.reverse(order);
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    results.forEach(
        (name, runs) ->
            outcomes.put(
                name, new Outcome(runs.stream().reduce(Load.Result::plus).orElseThrow(), runs)));
    return outcomes;
  }
}

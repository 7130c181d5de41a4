package io.cairn.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterleavedTest {

  @Test
  void slicesAreAboutOneSecondAndEven() {
    assertEquals(2, Interleaved.slices(0.5));
    assertEquals(2, Interleaved.slices(1));
    assertEquals(6, Interleaved.slices(5));
    assertEquals(6, Interleaved.slices(6));
    assertEquals(10, Interleaved.slices(10));
  }

  @Test
  void forwardThenReverseFromTheRotatedStartAndSlicesAddUp() throws Exception {
    List<String> ran = new ArrayList<>();
    Map<String, Interleaved.Slice> loads = new LinkedHashMap<>();
    for (String name : List.of("a", "b", "c")) {
      loads.put(
          name,
          seconds -> {
            ran.add(name);
            return new Load.Result(10, 1, 100, seconds, 1_000_000, new Latencies());
          });
    }
    Map<String, Interleaved.Outcome> results =
        Interleaved.run(loads, 4, 1, new LoadProfiler(null), "test");

    assertEquals(List.of("b", "c", "a", "a", "c", "b", "b", "c", "a", "a", "c", "b"), ran);
    assertEquals(List.of("a", "b", "c"), List.copyOf(results.keySet()));
    Load.Result a = results.get("a").total();
    assertEquals(4, results.get("a").slices().size());
    assertEquals(40, a.requests());
    assertEquals(4, a.errors());
    assertEquals(4.0, a.seconds(), 1e-9);
    assertEquals(10.0, a.perSecond(), 1e-9);
    assertEquals(100.0, a.cpuMicrosPerRequest(), 1e-9);
  }

  @Test
  void theMedianSliceIgnoresOneDisturbedSliceButKeepsADifferenceInEverySlice() {
    // 1,000 req/s per slice, one slice of "plain" halved by a pause; "slower" 10% slower throughout
    Interleaved.Outcome plain = outcome(1000, 1000, 500, 1000, 1000, 1000);
    Interleaved.Outcome slower = outcome(900, 900, 900, 900, 900, 900);

    assertEquals(1000.0, plain.medianPerSecond(), 1e-9);
    assertEquals(0.9, slower.medianPerSecond() / plain.medianPerSecond(), 1e-9);
    assertEquals(5500.0 / 6, plain.total().perSecond(), 1e-9, "the total still counts the pause");
    assertEquals(1000.0, plain.medianCpuMicrosPerRequest(), 1e-9);
  }

  /** Slices of one second each, at the given rates, each using one CPU-millisecond per request. */
  private static Interleaved.Outcome outcome(long... perSecond) {
    List<Load.Result> slices = new ArrayList<>();
    for (long rate : perSecond) {
      slices.add(new Load.Result(rate, 0, 0, 1.0, rate * 1_000_000, new Latencies()));
    }
    return new Interleaved.Outcome(slices.stream().reduce(Load.Result::plus).orElseThrow(), slices);
  }
}

package io.cairn.ops.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The benchmark's summary: medians over the measured rounds, and Cairn/peer ratios. */
final class BenchReport {
  private final PrintStream out;

  BenchReport(PrintStream out) {
    this.out = out;
  }

  void print(List<Bench.Target> targets, BenchOptions options) {
    out.printf(
        "%nmedians of %d rounds (%.0f s per load, 16 connections for GET/HEAD manifest and blob, 4 for 4 MiB GET, push %d images x 16 KiB with 8 pushers)%n",
        options.rounds(), options.seconds(), options.images());
    out.printf(
        "%-14s %14s %10s %10s %14s %14s %14s%n",
        "registry",
        "manifest req/s",
        "p50 ms",
        "p99 ms",
        "HEAD req/s",
        "4MiB GET MiB/s",
        "push images/s");
    for (Bench.Target t : targets) {
      out.printf(
          "%-14s %14.0f %10.2f %10.2f %14.0f %14.0f %14.1f%n",
          t.name,
          median(t, r -> r.manifest().perSecond()),
          median(t, r -> r.manifest().latencies().percentileMillis(50)),
          median(t, r -> r.manifest().latencies().percentileMillis(99)),
          median(t, r -> r.head().perSecond()),
          median(t, r -> r.big().mibPerSecond()),
          median(t, Bench.Round::imagesPerSecond));
    }
    Bench.Target cairn = targets.get(0);
    if (!cairn.rounds.isEmpty() && cairn.rounds.get(0).accessories() != null) {
      double manifests = median(cairn, r -> r.manifest().perSecond());
      double accessories = median(cairn, r -> r.accessories().perSecond());
      double referrers = median(cairn, r -> r.referrers().perSecond());
      out.printf(
          "cairn accessories GET %.0f req/s, referrers GET %.0f req/s: %.2fx and %.2fx its manifest GET (target >= 0.8)%n",
          accessories, referrers, accessories / manifests, referrers / manifests);
    }
    if (targets.size() == 2) {
      Bench.Target c = targets.get(0);
      Bench.Target p = targets.get(1);
      out.printf(
          "ratio cairn/%s: manifest GET %.2fx (target >= 5), HEAD blob %.2fx (>= 5), 4 MiB GET %.2fx (>= 1.0), push %.2fx (>= 1.0)%n",
          p.name,
          ratio(c, p, r -> r.manifest().perSecond()),
          ratio(c, p, r -> r.head().perSecond()),
          ratio(c, p, r -> r.big().mibPerSecond()),
          ratio(c, p, Bench.Round::imagesPerSecond));
    }
  }

  private static double ratio(
      Bench.Target a, Bench.Target b, ToDoubleFunction<Bench.Round> metric) {
    return median(a, metric) / median(b, metric);
  }

  private static double median(Bench.Target t, ToDoubleFunction<Bench.Round> metric) {
    double[] values = t.rounds.stream().mapToDouble(metric).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }
}

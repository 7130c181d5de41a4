package io.cairn.ops.bench;

import java.io.PrintStream;

/** {@code cairn bench --replication}'s summary, in the manner of {@link BenchReport}. */
final class ReplicationReport {
  /** Issue 10's target for the lag's p99. */
  static final double TARGET_P99_MS = 1000;

  private final PrintStream out;

  ReplicationReport(PrintStream out) {
    this.out = out;
  }

  void print(ReplicationResult r) {
    OpenLoopPushes.Outcome p = r.pushes();
    out.printf(
        "%nreplication lag, event_based policy, Cairn -> Cairn on this machine (from the source's 201 of an image's cosign signature to the first 200 of a HEAD of that signature at the target)%n");
    out.printf("load average at start %s; after the load %s%n", r.loadAtStart(), r.loadAtEnd());
    out.printf(
        "pushed %d of %d signed images scheduled at %.1f/s for %.0f s (open loop): achieved %.2f images/s; push, scheduled start to signature 201: p50 %.1f ms, p99 %.1f ms%s%n",
        p.pushed(),
        p.scheduled(),
        r.rate(),
        r.seconds(),
        p.achievedRate(),
        p.pushes().percentileMillis(50),
        p.pushes().percentileMillis(99),
        (p.failures() == 0 ? "" : "  (failed: " + p.failures() + ", first: " + p.failure() + ")")
            + (p.resent() == 0
                ? ""
                : "  (requests sent again after no answer in 30 s: " + p.resent() + ")"));
    out.printf(
        "%-14s %8s %10s %10s %10s %10s%n",
        "replication", "arrived", "p50 ms", "p90 ms", "p99 ms", "max ms");
    row("cairn->cairn", p.pushed() - r.missing(), r.lags());
    if (r.missing() > 0) {
      // the slowest never arrived: percentiles over the arrived alone would flatter
      row("all pushed *", p.pushed(), r.lagsWithMissing());
      out.printf(
          "* those that never arrived counted at their wait when the bench gave up: lower bounds%n");
    }
    // below the push rate, replication falls behind for good: the lag then grows with the run
    out.printf(
        "replication throughput: %d images at the target %.1f s after the load's start: %.2f images/s%n",
        p.pushed() - r.missing(),
        r.arrivalSeconds(),
        (p.pushed() - r.missing()) / r.arrivalSeconds());
    out.printf(
        "never arrived within %d s after the load: %d (must be 0); subjects missing or wrong at the target: %d%s; the target lists %d of the load's images and %d signatures; the first image's accessories: %s at the source, %s at the target%n",
        ReplicationBench.GRACE.toSeconds(),
        r.missing(),
        r.wrongSubjects().size(),
        r.wrongSubjects().isEmpty()
            ? ""
            : " (e.g. " + String.join(", ", r.wrongSubjects().subList(0, 1)) + ")",
        r.targetImages(),
        r.targetSignatures(),
        r.sourceTypes(),
        r.targetTypes());
    out.printf(
        "probe: a HEAD for each of the %d longest-awaited signatures, asked again after the larger of %d ms and 1/%d of its wait: %d polls in %.1f s (%.0f/s) on the target%s; warm-up (connector start included) took %.1f s%n",
        ArrivalProbe.CONNECTIONS,
        ArrivalProbe.POLL_MS,
        ArrivalProbe.PERIOD_SHARE,
        r.polls(),
        r.probeSeconds(),
        r.polls() / r.probeSeconds(),
        r.probeErrors() == 0 ? "" : " (unanswered: " + r.probeErrors() + ")",
        r.warmupSeconds());
    if (r.cpuSeconds() >= 0) {
      out.printf(
          "CPU of this process (both Cairns, their brokers and the bench) while the probe ran: %.1f s in %.1f s, %.2f of %d processors; %.1f ms per pushed image%n",
          r.cpuSeconds(),
          r.probeSeconds(),
          r.cpuSeconds() / r.probeSeconds(),
          r.loadAtStart().processors(),
          1000 * r.cpuSeconds() / Math.max(1, p.pushed()));
    }
    double p99 = r.lagsWithMissing().percentileMillis(99);
    out.printf(
        "lag p99 %s%.1f ms: %s (target p99 < %.0f ms)%s%n",
        r.missing() > 0 ? ">= " : "",
        p99,
        p99 < TARGET_P99_MS && r.missing() == 0 ? "met" : "NOT met",
        TARGET_P99_MS,
        r.complete() ? "" : "; INCOMPLETE: see the counts above");
  }

  private void row(String name, int images, Latencies lags) {
    out.printf(
        "%-14s %8d %10.1f %10.1f %10.1f %10.1f%n",
        name,
        images,
        lags.percentileMillis(50),
        lags.percentileMillis(90),
        lags.percentileMillis(99),
        lags.percentileMillis(100));
  }
}

package io.cairn.ops.bench;

import java.io.PrintStream;

/** {@code cairn bench --replication-sync}'s lines, in the manner of {@link ReplicationReport}. */
final class SyncReport {
  private final PrintStream out;

  SyncReport(PrintStream out) {
    this.out = out;
  }

  /** One round, as soon as it is measured and checked. */
  void round(SyncResult.Round r, int images) {
    out.printf(
        "round %d (%s first): cairn execution %.1f s = %.1f images/s%s%n",
        r.round(),
        r.cairnFirst() ? "cairn" : "skopeo",
        r.cairnSeconds(),
        images / r.cairnSeconds(),
        r.skopeoCopy() == null
            ? ""
            : String.format(
                " | skopeo sync %.1f s = %.1f images/s | ratio %.2fx",
                r.skopeoSeconds(), images / r.skopeoSeconds(), r.ratio()));
    copy("cairn", r.cairnCopy(), images);
    if (r.skopeoCopy() != null) {
      copy("skopeo", r.skopeoCopy(), images);
    }
  }

  private void copy(String who, SyncResult.Copy c, int images) {
    out.printf(
        "  %s's copy at the target: %d of %d images, %d of %d signatures; subjects missing or wrong: %d; signatures not linked to their subject as signature.cosign: %d%n",
        who, c.images(), images, c.signatures(), images, c.wrongSubjects(), c.unlinked());
  }

  void print(SyncResult r) {
    out.printf(
        "%nreplication of %d small signed images (an image and its cosign .sig tag each) from one Cairn to another on this machine: a manual execution (from its POST until it reads Succeed) beside %s (its wall time), one after the other%n",
        r.images(),
        r.skopeo()
            .map(v -> "skopeo sync --preserve-digests of every tag (" + v + ")")
            .orElse("no peer"));
    out.printf("load average at start %s; at the end %s%n", r.loadAtStart(), r.loadAtEnd());
    boolean peer = r.skopeo().isPresent();
    out.printf(
        "%-6s %-7s %12s %14s%s%n",
        "round",
        "first",
        "cairn s",
        "cairn img/s",
        peer ? String.format(" %12s %14s %8s", "skopeo s", "skopeo img/s", "ratio") : "");
    for (SyncResult.Round round : r.rounds()) {
      out.printf(
          "%-6d %-7s %12.1f %14.1f%s%n",
          round.round(),
          round.cairnFirst() ? "cairn" : "skopeo",
          round.cairnSeconds(),
          r.images() / round.cairnSeconds(),
          peer
              ? String.format(
                  " %12.1f %14.1f %7.2fx",
                  round.skopeoSeconds(), r.images() / round.skopeoSeconds(), round.ratio())
              : "");
    }
    double median = r.medianRatio();
    out.printf(
        "%s%s%n",
        r.skopeo().isEmpty()
            ? "no skopeo: no ratio"
            : String.format(
                "median ratio cairn/skopeo %.2fx: %s (target >= %.1fx)",
                median,
                median >= SyncResult.TARGET_RATIO ? "met" : "NOT met",
                SyncResult.TARGET_RATIO),
        r.complete() ? "" : "; INCOMPLETE: see the copies' counts above");
  }
}

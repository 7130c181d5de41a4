package io.cairn.ops.bench;

import java.util.List;
import java.util.Optional;

/**
 * What {@code cairn bench --replication-sync} measured and checked.
 *
 * @param images signed images in the synced repository (each an image and its signature)
 * @param skopeo {@code skopeo --version}, or empty when skopeo is absent (Cairn alone)
 * @param rounds the measured rounds, in order
 * @param loadAtStart the machine's load average before anything started
 * @param loadAtEnd and after the last round
 */
public record SyncResult(
    int images,
    Optional<String> skopeo,
    List<Round> rounds,
    LoadAverage loadAtStart,
    LoadAverage loadAtEnd) {
  /** Issue 10's target for Cairn's images/s over skopeo's. */
  static final double TARGET_RATIO = 1.0;

  /**
   * One round: a manual execution and, when skopeo is there, a {@code skopeo sync}, one after the
   * other into fresh repositories of the target.
   *
   * @param cairnFirst whether the execution ran first
   * @param cairnSeconds from the execution's POST until it read Succeed
   * @param skopeoSeconds the sync's wall time (NaN without skopeo)
   * @param cairnCopy what the target holds of the execution's copy
   * @param skopeoCopy and of the sync's ({@code null} without skopeo)
   */
  public record Round(
      int round,
      boolean cairnFirst,
      double cairnSeconds,
      double skopeoSeconds,
      Copy cairnCopy,
      Copy skopeoCopy) {
    /** Cairn's images/s over skopeo's: above 1, the execution was faster. */
    public double ratio() {
      return skopeoSeconds / cairnSeconds;
    }
  }

  /**
   * One copy as the target shows it.
   *
   * @param images the repository's image tags of the set
   * @param signatures its {@code .sig} tags of the set
   * @param wrongSubjects images whose tag is missing or names another digest
   * @param unlinked images whose accessories are not exactly their own signature, typed {@code
   *     signature.cosign}
   */
  public record Copy(long images, long signatures, int wrongSubjects, int unlinked) {
    boolean complete(int expected) {
      return images == expected && signatures == expected && wrongSubjects == 0 && unlinked == 0;
    }
  }

  /** The median over rounds of Cairn's images/s over skopeo's; NaN without skopeo. */
  public double medianRatio() {
    double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
    int n = ratios.length;
    if (n == 0 || skopeo.isEmpty()) {
      return Double.NaN;
    }
    return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
  }

  /**
   * Every copy has every image under its tag and every signature, and Cairn's links each signature
   * to its subject. (A registry links a {@code .sig} tag skopeo pushed only if it types tags
   * itself, as Cairn does: skopeo's copy is checked the same way, and counted in the report.)
   */
  public boolean complete() {
    return !rounds.isEmpty()
        && rounds.stream()
            .allMatch(
                r ->
                    r.cairnCopy().complete(images)
                        && (r.skopeoCopy() == null
                            || (r.skopeoCopy().images() == images
                                && r.skopeoCopy().signatures() == images
                                && r.skopeoCopy().wrongSubjects() == 0)));
  }
}

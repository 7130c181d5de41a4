package io.cairn.ops.bench;

import java.util.List;

/**
 * What {@code cairn bench --replication} measured and checked.
 *
 * @param rate the scheduled images per second
 * @param seconds how long the schedule ran
 * @param pushes the load as the source saw it
 * @param lags per arrived image, from its signature's 201 at the source to its first 200 at the
 *     target
 * @param lagsWithMissing those, and for each image that never arrived how long it had waited when
 *     the bench gave up (a lower bound)
 * @param arrivalSeconds from the load's start to the last arrival
 * @param polls HEADs the probe sent to the target
 * @param probeErrors of those, how many got no answer at all
 * @param probeSeconds how long the probe ran, from the load's start until nothing was awaited
 * @param missing signatures not at the target {@link ReplicationBench#GRACE} after the load ended
 * @param wrongSubjects images whose tag at the target is missing or names another digest
 * @param targetImages image tags of the load the target lists
 * @param targetSignatures signature tags of the load the target lists
 * @param sourceTypes the source's accessory types of the load's first image
 * @param targetTypes the target's accessory types of the load's first image
 * @param warmupSeconds how long the warm-up images took to arrive (connector start included)
 * @param loadAtStart the machine's load average before anything started
 * @param loadAtEnd and after the load
 * @param cpuSeconds CPU time this process (both Cairns, their brokers and the bench) used while the
 *     probe ran
 */
public record ReplicationResult(
    double rate,
    double seconds,
    OpenLoopPushes.Outcome pushes,
    Latencies lags,
    Latencies lagsWithMissing,
    double arrivalSeconds,
    long polls,
    long probeErrors,
    double probeSeconds,
    int missing,
    List<String> wrongSubjects,
    long targetImages,
    long targetSignatures,
    List<String> sourceTypes,
    List<String> targetTypes,
    double warmupSeconds,
    LoadAverage loadAtStart,
    LoadAverage loadAtEnd,
    double cpuSeconds) {

  /** Every image pushed arrived, signed, with the right subject, and nothing else is wrong. */
  public boolean complete() {
    return pushes.failures() == 0
        && missing == 0
        && wrongSubjects.isEmpty()
        && targetImages == pushes.scheduled()
        && targetSignatures == pushes.scheduled()
        && sourceTypes.equals(List.of("signature.cosign"))
        && targetTypes.equals(List.of("signature.cosign"));
  }
}

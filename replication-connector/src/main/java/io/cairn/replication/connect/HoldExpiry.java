package io.cairn.replication.connect;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a subject held past its deadline ({@code trust.hold.ms}): it is asked about once
 * more, and if the source still withholds it, reported as not replicated, with the reason. Either
 * way it is held no longer, so its record stops capping the offsets.
 */
final class HoldExpiry {
  private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

  /** Where a subject that was not replicated is reported (dead letter, execution task). */
  interface NotReplicated {
    void report(Holds.Held held, String why);
  }

  private final Holds holds;
  private final Duration deadline;
  private final Replicator replicator;

  HoldExpiry(Holds holds, Duration deadline, Replicator replicator) {
    this.holds = holds;
    this.deadline = deadline;
    this.replicator = replicator;
  }

  /**
   * Handles every hold past the deadline at {@code now}, adding what the last try did to {@code
   * report}; whether any expired.
   */
  boolean expire(Instant now, List<ExecutionReports.Task> report, NotReplicated notReplicated) {
    if (holds.isEmpty()) {
      return false;
    }
    List<Holds.Held> expired = holds.expired(now, deadline);
    for (Holds.Held h : expired) {
      try {
        StepOutcome last = replicator.run(h.step());
        report.addAll(last.done());
        Optional<String> still = last.held();
        if (still.isPresent()) {
          String why =
              h.step()
                  + " was not replicated: no signature that its project's content trust accepts"
                  + " arrived within "
                  + readable(deadline)
                  + " ("
                  + still.get()
                  + ")";
          log.warn(why);
          notReplicated.report(h, why);
        }
      } catch (IOException | RuntimeException e) {
        // asked again on its next event; held no longer, so offsets move on
        log.warn("{} held past its deadline could not be asked about: {}", h.step(), e.toString());
      }
    }
    return !expired.isEmpty();
  }

  /** {@code 60 min}, {@code 3 s} or {@code 250 ms}: the largest unit that says it exactly. */
  static String readable(Duration d) {
    if (d.toMillis() % 60_000 == 0 && !d.isZero()) {
      return d.toMinutes() + " min";
    }
    return d.toMillis() % 1000 == 0 && !d.isZero() ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}

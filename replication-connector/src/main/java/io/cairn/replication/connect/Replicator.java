package io.cairn.replication.connect;

import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.copy.CopyResult;
import io.cairn.replication.execution.ReplicationTask;
import io.cairn.replication.execution.TaskLog;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link Step} for one policy: finds the subject at the source, applies the filters
 * to it (never to an accessory on its own), and has the copier bring the whole closure, or delete,
 * at the target under the destination's name.
 */
final class Replicator {
  private static final Logger log = LoggerFactory.getLogger(Replicator.class);

  private final SourceArtifacts source;
  private final ArtifactCopier copier;
  private final ResourceFilter filter;
  private final Destination destination;

  Replicator(
      SourceArtifacts source,
      ArtifactCopier copier,
      ResourceFilter filter,
      Destination destination) {
    this.source = source;
    this.copier = copier;
    this.filter = filter;
    this.destination = destination;
  }

  /**
   * Carries out {@code step}: what it changed at the target, or why it is held instead, when the
   * source's content trust would not yet serve the subject to a reader: its closure goes once a
   * signature that satisfies the project's policy exists (that signature's own event, or the
   * verdict's, asks again).
   */
  StepOutcome run(Step step) throws IOException {
    if (!filter.mayMatch(step.repository())) {
      return StepOutcome.NOTHING;
    }
    String target = destination.of(step.repository());
    if (step instanceof Step.Replicate r) {
      return replicate(r, target);
    } else if (step instanceof Step.Delete) {
      copier.delete(target, step.digest());
    } else {
      copier.deleteOne(target, step.digest());
    }
    return StepOutcome.did(
        new ExecutionReports.Task(
            "deletion",
            "artifact",
            step.repository() + "@" + step.digest(),
            target + "@" + step.digest(),
            "Succeed",
            0,
            (step instanceof Step.Delete ? "deleted with its accessories: " : "deleted: ")
                + target
                + "@"
                + step.digest()));
  }

  /** Where {@code repository} of the source goes at the target. */
  String destinationOf(String repository) {
    return destination.of(repository);
  }

  private StepOutcome replicate(Step.Replicate step, String target) throws IOException {
    Optional<SourceArtifacts.Subject> subject = source.subjectOf(step.repository(), step.digest());
    if (subject.isEmpty()) {
      log.debug("{}@{} is gone from the source: nothing to copy", step.repository(), step.digest());
      return StepOutcome.NOTHING;
    }
    if (subject.get().tags().isEmpty() && !subject.get().parents().isEmpty()) {
      // An untagged index child (or its signature) goes with each index that lists it, selected
      // by the index's tags (Harbor loses these: goharbor/harbor#16375).
      StepOutcome all = StepOutcome.NOTHING;
      for (String parent : subject.get().parents()) {
        all = all.and(replicate(new Step.Replicate(step.repository(), parent), target));
      }
      return all;
    }
    ResourceFilter.Selection selected =
        filter.select(step.repository(), subject.get().tags(), subject.get().image());
    if (!selected.selected()) {
      return StepOutcome.NOTHING;
    }
    Optional<String> held = subject.get().held();
    if (held.isPresent()) {
      log.info(
          "{}@{} is held until it is signed as its project requires: {}",
          step.repository(),
          subject.get().digest(),
          held.get());
      return StepOutcome.held(held.get());
    }
    CopyResult copied =
        copier.copy(
            step.repository(),
            subject.get().digest(),
            selected.tags(),
            target,
            subject.get().read());
    if (copied.nothingPushed()) {
      return StepOutcome.NOTHING;
    }
    ReplicationTask task =
        ReplicationTask.of(
            step.repository(),
            subject.get().digest(),
            selected.tags(),
            target,
            subject.get().image());
    return StepOutcome.did(
        new ExecutionReports.Task(
            task.operation(),
            task.resourceType(),
            task.srcResource(),
            task.dstResource(),
            "Succeed",
            copied.bytes(),
            TaskLog.copied(task, copied)));
  }
}

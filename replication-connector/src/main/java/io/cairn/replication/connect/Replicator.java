package io.cairn.replication.connect;

import io.cairn.replication.copy.ArtifactCopier;
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

  void run(Step step) throws IOException {
    if (!filter.mayMatch(step.repository())) {
      return;
    }
    String target = destination.of(step.repository());
    if (step instanceof Step.Replicate r) {
      replicate(r, target);
    } else if (step instanceof Step.Delete) {
      copier.delete(target, step.digest());
    } else {
      copier.deleteOne(target, step.digest());
    }
  }

  private void replicate(Step.Replicate step, String target) throws IOException {
    Optional<SourceArtifacts.Subject> subject = source.subjectOf(step.repository(), step.digest());
    if (subject.isEmpty()) {
      log.debug("{}@{} is gone from the source: nothing to copy", step.repository(), step.digest());
      return;
    }
    if (subject.get().tags().isEmpty() && !subject.get().parents().isEmpty()) {
      // An untagged index child (or its signature) goes with each index that lists it, selected
      // by the index's tags (Harbor loses these: goharbor/harbor#16375).
      for (String parent : subject.get().parents()) {
        replicate(new Step.Replicate(step.repository(), parent), target);
      }
      return;
    }
    ResourceFilter.Selection selected =
        filter.select(step.repository(), subject.get().tags(), subject.get().image());
    if (!selected.selected()) {
      return;
    }
    copier.copy(step.repository(), subject.get().digest(), selected.tags(), target);
  }
}

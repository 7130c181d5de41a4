package io.cairn.replication.connect;

import io.cairn.events.AccessoryAttached;
import io.cairn.events.AccessoryDetached;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagSet;
import io.cairn.events.TrustEvaluated;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the events of the log ask of a replication target. Pure: the events alone decide, the
 * replicator then asks the source what the subject looks like now.
 *
 * <ul>
 *   <li>A tag set on a manifest and an accessory attached to a subject ask for the closure of the
 *       subject to be at the target: the copier skips what is there already, so a signature pushed
 *       after its subject was replicated travels on its own event, and one pushed before (or a
 *       subject whose first replication failed) travels with it.
 *   <li>A tag of cosign's scheme ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}) or of the
 *       referrers tag schema ({@code sha256-<hex>}) names the subject it belongs to: that subject's
 *       closure is asked for, never the tagged manifest alone, so a signature never reaches a
 *       target without its subject nor escapes the filters that exclude its subject.
 *   <li>A trust verdict asks for its subject's closure only while the task holds that subject: in a
 *       project that asks for verified signatures, a subject is held until the verdict says one
 *       verified. Every other subject was copied (or refused, or is retried) on the events that set
 *       its tag or attached its signature, and the source writes a verdict for every signed
 *       subject: asking again would walk each closure a third time for nothing. (A subject whose
 *       hold expired waits for its next tag or signature, or a manual execution.)
 *   <li>A manifest push asks nothing by itself: a tagged push sets its tag in the same transaction,
 *       an accessory is attached in it, an index child travels with its index. An untagged artifact
 *       that nothing refers to travels with a manual or scheduled execution.
 *   <li>With deletion on, a deleted manifest is deleted at the target with everything attached to
 *       it, and a detached accessory alone. A signature superseded by a re-sign is deleted at the
 *       target whether or not deletion is on: the re-sign replaces it, at the source and there.
 * </ul>
 */
final class EventPlan {
  /** Tags that name their subject: cosign's scheme and the referrers tag schema. */
  private static final Pattern SUBJECT_TAG =
      Pattern.compile("sha256-([0-9a-f]{64})(?:\\.(?:sig|att|sbom))?");

  private final boolean replicateDeletion;

  EventPlan(boolean replicateDeletion) {
    this.replicateDeletion = replicateDeletion;
  }

  /** The steps of one event, in order; none for events that touch no artifact. */
  List<Step> of(RegistryEvent event) {
    String repository = event.getRepository();
    if (repository == null) {
      return List.of();
    }
    Object payload = event.getPayload();
    if (payload instanceof TagSet tag) {
      Matcher scheme = SUBJECT_TAG.matcher(tag.getTag());
      String subject = scheme.matches() ? "sha256:" + scheme.group(1) : tag.getDigest();
      return List.of(new Step.Replicate(repository, subject));
    }
    if (payload instanceof AccessoryAttached attached) {
      // from the subject: a cosign tag-scheme signature names its subject only in its tag
      return List.of(new Step.Replicate(repository, attached.getSubjectDigest()));
    }
    if (payload instanceof TrustEvaluated verdict) {
      // a verdict can be what a subject held for content trust was waiting for
      return List.of(new Step.Replicate(repository, verdict.getSubjectDigest()));
    }
    if (payload instanceof AccessoryDetached detached && replicateDeletion) {
      return List.of(new Step.DeleteOne(repository, detached.getAccessoryDigest()));
    }
    if (payload instanceof ManifestDeleted deleted
        && (replicateDeletion || deleted.getReason() == DeleteReason.SUPERSEDED)) {
      return List.of(new Step.Delete(repository, deleted.getDigest()));
    }
    return List.of();
  }

  /**
   * The steps of a batch in order, a copy that repeats one since the last deletion left out: a push
   * writes its manifest, tag and accessory events together, and one closure copy serves them all. A
   * deletion is never moved, nor a copy across it. A verdict's copy stays only when {@code held}
   * says the task holds that subject.
   */
  List<Step> of(List<RegistryEvent> events, Predicate<Step> held) {
    List<Step> steps = new ArrayList<>();
    Set<Step> copiedSinceDelete = new HashSet<>();
    for (RegistryEvent event : events) {
      boolean verdict = event.getPayload() instanceof TrustEvaluated;
      for (Step step : of(event)) {
        if (verdict && !held.test(step)) {
          continue;
        }
        if (step instanceof Step.Replicate) {
          if (copiedSinceDelete.add(step)) {
            steps.add(step);
          }
        } else {
          steps.add(step);
          copiedSinceDelete.clear();
        }
      }
    }
    return steps;
  }
}

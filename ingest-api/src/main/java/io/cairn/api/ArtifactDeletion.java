package io.cairn.api;

import io.cairn.events.AccessoryDetached;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagDeleted;
import io.cairn.projection.AccessoryEntry;
import io.cairn.projection.RegistryView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events that delete a manifest the way Cairn deletes: its tags, its links to the subjects it
 * is an accessory of, and every accessory of its own, recursively (reason {@code CASCADE}), so no
 * signature outlives what it signs. Written by the caller as one transaction.
 */
public final class ArtifactDeletion {
  private final RegistryView view;

  public ArtifactDeletion(RegistryView view) {
    this.view = view;
  }

  /**
   * @param keepTag a tag not to delete (one that the same request moves elsewhere), or null
   */
  public List<RegistryEvent> of(
      RequestEvents.Batch batch,
      String repository,
      String digest,
      DeleteReason reason,
      String keepTag) {
    List<RegistryEvent> events = new ArrayList<>();
    delete(batch, repository, digest, reason, keepTag, new HashSet<>(), events);
    return events;
  }

  private void delete(
      RequestEvents.Batch batch,
      String repository,
      String digest,
      DeleteReason reason,
      String keepTag,
      Set<String> seen,
      List<RegistryEvent> events) {
    if (!seen.add(digest) || view.manifest(repository, digest).isEmpty()) {
      return; // a cycle of accessories, or already gone
    }
    for (String tag : view.tagsOf(repository, digest)) {
      if (!tag.equals(keepTag)) {
        events.add(batch.repository(repository, new TagDeleted(tag, digest)));
      }
    }
    for (String subject : view.subjectsOf(repository, digest).keySet()) {
      events.add(batch.repository(repository, new AccessoryDetached(subject, digest)));
    }
    for (AccessoryEntry accessory : view.accessories(repository, digest)) {
      delete(batch, repository, accessory.digest(), DeleteReason.CASCADE, null, seen, events);
    }
    events.add(batch.repository(repository, new ManifestDeleted(digest, reason)));
  }
}

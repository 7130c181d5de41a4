package io.cairn.api;

import io.cairn.events.AccessoryDetached;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagDeleted;
import io.cairn.projection.AccessoryEntry;
import io.cairn.projection.ManifestEntry;
import io.cairn.projection.RegistryView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events that delete a manifest the way Cairn deletes: its tags, its links to the subjects it
 * is an accessory of, every accessory of its own, recursively (reason {@code CASCADE}), so no
 * signature outlives what it signs, and for an index its children that no tag or other index holds,
 * with theirs. Written by the caller as one transaction.
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
    Optional<ManifestEntry> manifest = view.manifest(repository, digest);
    if (!seen.add(digest) || manifest.isEmpty()) {
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
    // An index takes its children with it, as Harbor's does, unless a tag or another index still
    // holds them: an untagged child left behind would be reachable from nothing.
    for (String child : manifest.get().children()) {
      if (view.tagsOf(repository, child).isEmpty()
          && seen.containsAll(view.parentsOf(repository, child))) {
        delete(batch, repository, child, DeleteReason.CASCADE, null, seen, events);
      }
    }
  }
}

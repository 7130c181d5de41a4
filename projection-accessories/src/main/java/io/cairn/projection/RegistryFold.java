package io.cairn.projection;

import io.cairn.events.AccessoryAttached;
import io.cairn.events.AccessoryDetached;
import io.cairn.events.BlobLinked;
import io.cairn.events.BlobUnlinked;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.ManifestPut;
import io.cairn.events.ProjectCreated;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagDeleted;
import io.cairn.events.TagSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code evolve(state, event) → changes}: the whole projection as one pure function.
 *
 * <p>Every change is a put or delete of a value computed from the event and the current state, so
 * applying an already-applied suffix of the log again (at-least-once processing after a crash) ends
 * in the same state.
 */
public final class RegistryFold {
  private RegistryFold() {}

  public static List<Change> evolve(StateLookup state, RegistryEvent event) {
    String repo = event.getRepository();
    long at = event.getOccurredAt().toEpochMilli();
    Object payload = event.getPayload();
    if (payload instanceof ProjectCreated p) {
      return projectCreated(state, p, at);
    }
    Optional<List<Change>> identity = IdentityFold.evolve(state, event);
    if (identity.isPresent()) {
      return identity.get();
    }
    Optional<List<Change>> trust = TrustFold.evolve(state, event);
    if (trust.isPresent()) {
      return trust.get();
    }
    Optional<List<Change>> immutable = ImmutableFold.evolve(state, event);
    if (immutable.isPresent()) {
      return immutable.get();
    }
    Optional<List<Change>> endpoints = EndpointFold.evolve(state, event);
    if (endpoints.isPresent()) {
      return endpoints.get();
    }
    Optional<List<Change>> policies = PolicyFold.evolve(state, event);
    if (policies.isPresent()) {
      return policies.get();
    }
    Optional<List<Change>> executions = ExecutionFold.evolve(state, event);
    if (executions.isPresent()) {
      return executions.get();
    }
    if (repo == null) {
      throw new IllegalArgumentException(
          payload.getClass().getSimpleName()
              + " event "
              + event.getEventId()
              + " has no repository");
    }
    if (payload instanceof ManifestPut p) {
      return manifestPut(state, repo, p, at);
    } else if (payload instanceof ManifestDeleted p) {
      return manifestDeleted(state, repo, p, at);
    } else if (payload instanceof TagSet p) {
      List<Change> changes = new ArrayList<>(5);
      changes.addAll(TagIndex.unnamed(state, repo, p.getTag()));
      changes.add(new Change.Put(Store.TAGS, Store.key(repo, p.getTag()), p.getDigest()));
      changes.add(TagIndex.named(repo, p.getDigest(), p.getTag()));
      changes.add(new Change.Put(Store.TAG_TIMES, Store.key(repo, p.getTag()), Long.toString(at)));
      changes.add(touched(state, repo, at));
      return changes;
    } else if (payload instanceof TagDeleted p) {
      List<Change> changes = new ArrayList<>(3);
      changes.addAll(TagIndex.unnamed(state, repo, p.getTag()));
      changes.add(new Change.Delete(Store.TAGS, Store.key(repo, p.getTag())));
      changes.add(new Change.Delete(Store.TAG_TIMES, Store.key(repo, p.getTag())));
      return changes;
    } else if (payload instanceof BlobLinked p) {
      return blobLinked(state, repo, p, at);
    } else if (payload instanceof BlobUnlinked p) {
      return blobUnlinked(state, repo, p);
    } else if (payload instanceof AccessoryAttached p) {
      return accessoryAttached(state, repo, p, at);
    } else if (payload instanceof AccessoryDetached p) {
      return unlinked(repo, p.getSubjectDigest(), p.getAccessoryDigest());
    }
    throw new IllegalArgumentException("unknown payload " + payload.getClass().getName());
  }

  private static List<Change> projectCreated(StateLookup state, ProjectCreated p, long at) {
    if (state.get(Store.PROJECTS, p.getName()) != null) {
      return List.of(); // the first creation wins; a replay or a racing duplicate changes nothing
    }
    ProjectEntry entry = new ProjectEntry(p.getName(), p.getProjectId(), p.getMetadata(), at);
    return List.of(new Change.Put(Store.PROJECTS, p.getName(), EntryCodec.encode(entry)));
  }

  private static List<Change> manifestPut(StateLookup state, String repo, ManifestPut p, long at) {
    String key = Store.key(repo, p.getDigest());
    if (state.get(Store.MANIFESTS, key) != null) {
      return List.of(touched(state, repo, at)); // same bytes pushed again: first push time stays
    }
    ManifestEntry entry =
        new ManifestEntry(
            p.getDigest(),
            p.getMediaType(),
            p.getSize(),
            p.getArtifactType(),
            p.getConfigMediaType(),
            p.getSubjectDigest(),
            p.getLayerDigests(),
            p.getChildDigests(),
            p.getAnnotations(),
            at);
    List<Change> changes = new ArrayList<>(2 + entry.children().size());
    changes.add(new Change.Put(Store.MANIFESTS, key, EntryCodec.encode(entry)));
    changes.addAll(ParentIndex.listed(repo, entry.digest(), entry.children()));
    changes.add(counted(state, repo, 1, 0, at));
    return changes;
  }

  private static List<Change> manifestDeleted(
      StateLookup state, String repo, ManifestDeleted p, long at) {
    String key = Store.key(repo, p.getDigest());
    ManifestEntry entry = EntryCodec.decode(state.get(Store.MANIFESTS, key), ManifestEntry.class);
    if (entry == null) {
      return List.of();
    }
    List<Change> changes = new ArrayList<>(4 + entry.children().size());
    changes.add(new Change.Delete(Store.MANIFESTS, key));
    changes.addAll(ParentIndex.unlisted(repo, entry.digest(), entry.children()));
    if (entry.subject() != null) {
      // A referrer never outlives its manifest, even if no AccessoryDetached came with it.
      changes.addAll(unlinked(repo, entry.subject(), entry.digest()));
    }
    changes.add(counted(state, repo, -1, 0, at));
    return changes;
  }

  /**
   * Links an accessory to its subject, described from its manifest (pushed earlier in the same
   * transaction, or before). The subject need not exist yet: the link waits for it. The first
   * attach wins, so a replay or a second declaration (tag and subject) keeps the original time.
   */
  private static List<Change> accessoryAttached(
      StateLookup state, String repo, AccessoryAttached p, long at) {
    String key = Store.key(repo, p.getSubjectDigest(), p.getAccessoryDigest());
    if (state.get(Store.ACCESSORIES, key) != null) {
      return List.of();
    }
    ManifestEntry manifest =
        EntryCodec.decode(
            state.get(Store.MANIFESTS, Store.key(repo, p.getAccessoryDigest())),
            ManifestEntry.class);
    AccessoryEntry entry =
        new AccessoryEntry(
            p.getAccessoryDigest(),
            p.getType(),
            p.getSize(),
            manifest == null ? null : manifest.mediaType(),
            manifest == null ? null : manifest.effectiveArtifactType(),
            manifest == null ? null : manifest.annotations(),
            manifest != null && p.getSubjectDigest().equals(manifest.subject()),
            at);
    return List.of(
        new Change.Put(Store.ACCESSORIES, key, EntryCodec.encode(entry)),
        new Change.Put(
            Store.ACCESSORY_OF,
            Store.key(repo, p.getAccessoryDigest(), p.getSubjectDigest()),
            p.getType()));
  }

  private static List<Change> unlinked(String repo, String subject, String accessory) {
    return List.of(
        new Change.Delete(Store.ACCESSORIES, Store.key(repo, subject, accessory)),
        new Change.Delete(Store.ACCESSORY_OF, Store.key(repo, accessory, subject)));
  }

  private static List<Change> blobLinked(StateLookup state, String repo, BlobLinked p, long at) {
    String key = Store.key(repo, p.getDigest());
    if (state.get(Store.BLOBS, key) != null) {
      return List.of();
    }
    return List.of(
        new Change.Put(Store.BLOBS, key, Long.toString(p.getSize())),
        counted(state, repo, 0, 1, at));
  }

  private static List<Change> blobUnlinked(StateLookup state, String repo, BlobUnlinked p) {
    String key = Store.key(repo, p.getDigest());
    if (state.get(Store.BLOBS, key) == null) {
      return List.of();
    }
    return List.of(new Change.Delete(Store.BLOBS, key), counted(state, repo, 0, -1, 0));
  }

  /** Adjusts a repository's content counts; the repository disappears when it empties. */
  private static Change counted(StateLookup state, String repo, int manifests, int blobs, long at) {
    RepositoryEntry old = repository(state, repo);
    RepositoryEntry next =
        old == null
            ? new RepositoryEntry(repo, manifests, blobs, at, at)
            : new RepositoryEntry(
                repo,
                old.manifests() + manifests,
                old.blobs() + blobs,
                old.createdAt(),
                Math.max(old.updatedAt(), at));
    return next.isEmpty()
        ? new Change.Delete(Store.REPOSITORIES, repo)
        : new Change.Put(Store.REPOSITORIES, repo, EntryCodec.encode(next));
  }

  private static Change touched(StateLookup state, String repo, long at) {
    return counted(state, repo, 0, 0, at);
  }

  private static RepositoryEntry repository(StateLookup state, String repo) {
    return EntryCodec.decode(state.get(Store.REPOSITORIES, repo), RepositoryEntry.class);
  }
}

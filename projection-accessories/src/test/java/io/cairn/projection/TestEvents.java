package io.cairn.projection;

import io.cairn.events.AccessoryAttached;
import io.cairn.events.AccessoryDetached;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.BlobLinked;
import io.cairn.events.BlobUnlinked;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.ManifestPut;
import io.cairn.events.ProjectCreated;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagDeleted;
import io.cairn.events.TagSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Terse event construction for fold and topology tests; times count up from 1000 ms. */
final class TestEvents {
  private long clock = 1000;

  RegistryEvent event(String repository, Object payload) {
    String project =
        repository == null ? ((ProjectCreated) payload).getName() : repository.split("/")[0];
    return RegistryEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.ofEpochMilli(clock++))
        .setActor(new Actor(ActorKind.USER, "alice"))
        .setOrigin("test")
        .setRequestId(null)
        .setProject(project)
        .setRepository(repository)
        .setPayload(payload)
        .build();
  }

  /** An event about a project as a whole, or registry-wide when {@code project} is "". */
  RegistryEvent projectEvent(String project, Object payload) {
    return RegistryEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.ofEpochMilli(clock++))
        .setActor(new Actor(ActorKind.USER, "alice"))
        .setOrigin("test")
        .setRequestId(null)
        .setProject(project)
        .setRepository(null)
        .setPayload(payload)
        .build();
  }

  RegistryEvent project(String name, int id) {
    return event(null, new ProjectCreated(name, id, Map.of("public", "true")));
  }

  RegistryEvent blob(String repo, String digest, long size) {
    return event(repo, new BlobLinked(digest, size, null));
  }

  RegistryEvent unlink(String repo, String digest) {
    return event(repo, new BlobUnlinked(digest));
  }

  RegistryEvent manifest(String repo, String digest) {
    return manifest(repo, digest, null);
  }

  RegistryEvent manifest(String repo, String digest, String subject) {
    return event(
        repo,
        ManifestPut.newBuilder()
            .setDigest(digest)
            .setMediaType("application/vnd.oci.image.manifest.v1+json")
            .setSize(100)
            .setArtifactType(subject == null ? null : "application/example")
            .setConfigDigest(null)
            .setConfigMediaType("application/vnd.oci.image.config.v1+json")
            .setLayerDigests(List.of())
            .setChildDigests(List.of())
            .setSubjectDigest(subject)
            .setAnnotations(Map.of())
            .build());
  }

  /** An image index of {@code children}. */
  RegistryEvent index(String repo, String digest, String... children) {
    return event(
        repo,
        ManifestPut.newBuilder()
            .setDigest(digest)
            .setMediaType("application/vnd.oci.image.index.v1+json")
            .setSize(100)
            .setArtifactType(null)
            .setConfigDigest(null)
            .setConfigMediaType(null)
            .setLayerDigests(List.of())
            .setChildDigests(List.of(children))
            .setSubjectDigest(null)
            .setAnnotations(Map.of())
            .build());
  }

  RegistryEvent tag(String repo, String tag, String digest) {
    return event(repo, new TagSet(tag, digest, null));
  }

  RegistryEvent untag(String repo, String tag, String digest) {
    return event(repo, new TagDeleted(tag, digest));
  }

  RegistryEvent delete(String repo, String digest) {
    return event(repo, new ManifestDeleted(digest, DeleteReason.USER));
  }

  RegistryEvent attach(String repo, String subject, String accessory, String type) {
    return event(repo, new AccessoryAttached(subject, accessory, type, 100L));
  }

  RegistryEvent detach(String repo, String subject, String accessory) {
    return event(repo, new AccessoryDetached(subject, accessory));
  }

  static String digest(int n) {
    return "sha256:" + String.format("%064x", n);
  }
}

package io.cairn.replication.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.events.AccessoryAttached;
import io.cairn.events.AccessoryDetached;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.DeleteReason;
import io.cairn.events.ManifestDeleted;
import io.cairn.events.ManifestPut;
import io.cairn.events.ProjectCreated;
import io.cairn.events.RegistryEvent;
import io.cairn.events.TagSet;
import io.cairn.events.TrustEvaluated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPlanTest {
  private static final String REPO = "library/app";
  private static final String IMAGE = "sha256:" + "a".repeat(64);
  private static final String SIG = "sha256:" + "b".repeat(64);

  private final EventPlan keep = new EventPlan(false);
  private final EventPlan mirror = new EventPlan(true);

  @Test
  void aPushAsksForItsSubjectOnceAcrossItsTransaction() {
    List<RegistryEvent> push = List.of(event(put(IMAGE, null)), event(tag("v1", IMAGE)));
    assertEquals(List.of(new Step.Replicate(REPO, IMAGE)), keep.of(push, step -> false));
  }

  @Test
  void aSignatureAsksForTheClosureOfItsSubjectNeverForItselfAlone() {
    List<RegistryEvent> sign =
        List.of(
            event(put(SIG, null)),
            event(tag("sha256-" + "a".repeat(64) + ".sig", SIG)),
            event(new AccessoryAttached(IMAGE, SIG, "signature.cosign", 100L)));
    assertEquals(List.of(new Step.Replicate(REPO, IMAGE)), keep.of(sign, step -> false));
    assertEquals(
        List.of(new Step.Replicate(REPO, IMAGE)),
        keep.of(event(tag("sha256-" + "a".repeat(64), SIG))),
        "a referrers tag-schema index names its subject too");
    assertEquals(
        List.of(new Step.Replicate(REPO, SIG)),
        keep.of(event(tag("sha256-" + "a".repeat(63) + ".sig", SIG))),
        "not a digest: an ordinary tag");
  }

  @Test
  void aTrustVerdictAsksForItsSubjectAHeldSubjectMayBeWaitingForIt() {
    TrustEvaluated verdict =
        TrustEvaluated.newBuilder().setSubjectDigest(IMAGE).setTrustGeneration(1).build();
    assertEquals(List.of(new Step.Replicate(REPO, IMAGE)), keep.of(event(verdict)));
  }

  @Test
  void inABatchAVerdictAsksOnlyForASubjectTheTaskHolds() {
    TrustEvaluated verdict =
        TrustEvaluated.newBuilder().setSubjectDigest(IMAGE).setTrustGeneration(1).build();
    List<RegistryEvent> events = List.of(event(verdict));
    assertEquals(List.of(), keep.of(events, step -> false));
    assertEquals(
        List.of(new Step.Replicate(REPO, IMAGE)),
        keep.of(events, new Step.Replicate(REPO, IMAGE)::equals));
    // a signature's own event asks whatever is held
    assertEquals(
        List.of(new Step.Replicate(REPO, IMAGE)),
        keep.of(List.of(event(tag("sha256-" + IMAGE.substring(7) + ".sig", SIG))), s -> false));
  }

  @Test
  void aManifestPushAloneAsksNothing() {
    assertEquals(List.of(), keep.of(event(put(SIG, IMAGE))));
    assertEquals(List.of(), keep.of(event(put(IMAGE, null))));
  }

  @Test
  void deletionsGoOnlyWhenThePolicyReplicatesThem() {
    RegistryEvent deleted = event(new ManifestDeleted(IMAGE, DeleteReason.USER));
    RegistryEvent detached = event(new AccessoryDetached(IMAGE, SIG));
    assertEquals(List.of(), keep.of(deleted));
    assertEquals(List.of(), keep.of(detached));
    assertEquals(List.of(new Step.Delete(REPO, IMAGE)), mirror.of(deleted));
    assertEquals(List.of(new Step.DeleteOne(REPO, SIG)), mirror.of(detached));
  }

  @Test
  void aSupersededSignatureIsReplacedAtTheTargetEvenWithoutDeletion() {
    RegistryEvent superseded = event(new ManifestDeleted(SIG, DeleteReason.SUPERSEDED));
    assertEquals(List.of(new Step.Delete(REPO, SIG)), keep.of(superseded));
  }

  @Test
  void aCopyIsNeverMergedAcrossADeletion() {
    List<RegistryEvent> events =
        List.of(
            event(tag("v1", IMAGE)),
            event(new ManifestDeleted(IMAGE, DeleteReason.USER)),
            event(tag("v1", IMAGE)),
            event(tag("v2", IMAGE)));
    assertEquals(
        List.of(
            new Step.Replicate(REPO, IMAGE),
            new Step.Delete(REPO, IMAGE),
            new Step.Replicate(REPO, IMAGE)),
        mirror.of(events, step -> false));
  }

  @Test
  void eventsWithoutARepositoryAskNothing() {
    RegistryEvent project =
        RegistryEvent.newBuilder(event(tag("v1", IMAGE)))
            .setRepository(null)
            .setPayload(new ProjectCreated("library", 1, Map.of()))
            .build();
    assertEquals(List.of(), mirror.of(project));
  }

  private static ManifestPut put(String digest, String subject) {
    return ManifestPut.newBuilder()
        .setDigest(digest)
        .setMediaType("application/vnd.oci.image.manifest.v1+json")
        .setSize(100)
        .setSubjectDigest(subject)
        .build();
  }

  private static TagSet tag(String tag, String digest) {
    return TagSet.newBuilder().setTag(tag).setDigest(digest).build();
  }

  private static RegistryEvent event(Object payload) {
    return RegistryEvent.newBuilder()
        .setEventId("e")
        .setOccurredAt(Instant.EPOCH)
        .setActor(Actor.newBuilder().setKind(ActorKind.USER).setName("alice").build())
        .setOrigin("test")
        .setProject("library")
        .setRepository(REPO)
        .setPayload(payload)
        .build();
  }
}

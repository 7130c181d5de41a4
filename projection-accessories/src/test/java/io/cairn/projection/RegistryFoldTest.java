package io.cairn.projection;

import static io.cairn.projection.TestEvents.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fold as a table: a history of events, then what the view must answer. */
class RegistryFoldTest {
  private static final String REPO = "library/app";
  private final TestEvents e = new TestEvents();

  private static StateView fold(List<RegistryEvent> history) {
    InMemoryState state = new InMemoryState();
    history.forEach(state::apply);
    return new StateView(state);
  }

  static Stream<Arguments> tagHistories() {
    TestEvents e = new TestEvents();
    return Stream.of(
        Arguments.of(
            "tag set",
            List.of(e.manifest(REPO, digest(1)), e.tag(REPO, "v1", digest(1))),
            Optional.of(digest(1))),
        Arguments.of(
            "tag moved",
            List.of(
                e.manifest(REPO, digest(1)),
                e.manifest(REPO, digest(2)),
                e.tag(REPO, "v1", digest(1)),
                e.tag(REPO, "v1", digest(2))),
            Optional.of(digest(2))),
        Arguments.of(
            "tag deleted",
            List.of(
                e.manifest(REPO, digest(1)),
                e.tag(REPO, "v1", digest(1)),
                e.untag(REPO, "v1", digest(1))),
            Optional.empty()),
        Arguments.of(
            "tag in another repository",
            List.of(
                e.manifest("library/other", digest(1)), e.tag("library/other", "v1", digest(1))),
            Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tagHistories")
  void tags(String name, List<RegistryEvent> history, Optional<String> expected) {
    assertEquals(expected, fold(history).tag(REPO, "v1"));
  }

  @Test
  void aManifestsTagsFollowEveryMoveAndDeletion() {
    List<RegistryEvent> history =
        List.of(
            e.manifest(REPO, digest(1)),
            e.manifest(REPO, digest(2)),
            e.tag(REPO, "v1", digest(1)),
            e.tag(REPO, "v2", digest(1)),
            e.tag(REPO, "latest", digest(1)),
            e.tag(REPO, "v1", digest(2)), // moved
            e.tag(REPO, "v1", digest(2)), // set again where it is
            e.untag(REPO, "v2", digest(1)),
            e.tag("library/app2", "v9", digest(1)));
    InMemoryState state = new InMemoryState();
    history.forEach(state::apply);
    StateView view = new StateView(state);
    assertEquals(List.of("latest"), view.tagsOf(REPO, digest(1)));
    assertEquals(List.of("v1"), view.tagsOf(REPO, digest(2)));
    assertEquals(List.of(), view.tagsOf(REPO, digest(3)));
    // no entry left behind by a move or a deletion: the index is the tags, seen the other way
    assertEquals(
        Map.of(
            DerivedIndex.BUILT,
            "",
            Store.key(REPO, digest(1), "latest"),
            "",
            Store.key(REPO, digest(2), "v1"),
            "",
            Store.key("library/app2", digest(1), "v9"),
            ""),
        state.snapshot(Store.TAGS_OF));
  }

  @Test
  void aManifestsParentsAreTheIndexesThatListItUntilTheyAreDeleted() {
    InMemoryState state = new InMemoryState();
    List.of(
            e.manifest(REPO, digest(1)),
            e.manifest(REPO, digest(2)),
            e.index(REPO, digest(10), digest(1), digest(2)),
            e.index(REPO, digest(11), digest(1)),
            e.index("library/app2", digest(12), digest(1)),
            e.delete(REPO, digest(11)))
        .forEach(state::apply);
    StateView view = new StateView(state);
    assertEquals(List.of(digest(10)), view.parentsOf(REPO, digest(1)));
    assertEquals(List.of(digest(10)), view.parentsOf(REPO, digest(2)));
    assertEquals(List.of(), view.parentsOf(REPO, digest(10)));

    state.clear(Store.PARENTS); // as restored state from before the index
    assertEquals(List.of(digest(10)), view.parentsOf(REPO, digest(1)), "found by a scan then");
  }

  @Test
  void tagsFoldedBeforeTheIndexExistedAreFoundUntilItIsBuilt() {
    InMemoryState state = new InMemoryState();
    List.of(e.manifest(REPO, digest(1)), e.tag(REPO, "v1", digest(1)), e.tag(REPO, "v2", digest(1)))
        .forEach(state::apply);
    state.clear(Store.TAGS_OF); // as restored state from before the index: tags, no index
    assertEquals(List.of("v1", "v2"), new StateView(state).tagsOf(REPO, digest(1)));
  }

  @Test
  void tagsAreListedInLexicalOrderWithPaging() {
    List<RegistryEvent> history = new ArrayList<>();
    history.add(e.manifest(REPO, digest(1)));
    for (String t : List.of("b", "a", "c", "B", "a1")) {
      history.add(e.tag(REPO, t, digest(1)));
    }
    history.add(e.tag("library/app2", "zz", digest(1)));
    StateView view = fold(history);
    assertEquals(List.of("B", "a", "a1", "b", "c"), view.tags(REPO, null, 100));
    assertEquals(List.of("a1", "b"), view.tags(REPO, "a", 2));
    assertEquals(List.of(), view.tags(REPO, "c", 10));
    assertEquals(List.of(), view.tags(REPO, null, 0));
    assertEquals(List.of("B", "a", "a1", "b", "c"), view.tagsOf(REPO, digest(1)));
  }

  @Test
  void referrersFollowTheirSubjectAndLeaveWithTheirDeletion() {
    StateView view =
        fold(
            List.of(
                e.manifest(REPO, digest(9), digest(1)), // before its subject: allowed
                e.attach(REPO, digest(1), digest(9), "subject.accessory"),
                e.manifest(REPO, digest(1)),
                e.manifest(REPO, digest(8), digest(1)),
                e.attach(REPO, digest(1), digest(8), "signature.notation"),
                e.manifest(REPO, digest(7), digest(2)),
                e.attach(REPO, digest(2), digest(7), "subject.accessory")));
    assertEquals(
        List.of(digest(9), digest(8)),
        view.referrers(REPO, digest(1)).stream().map(AccessoryEntry::digest).toList());
    AccessoryEntry first = view.referrers(REPO, digest(1)).get(0);
    assertEquals("application/example", first.artifactType());
    assertEquals("application/vnd.oci.image.manifest.v1+json", first.mediaType());

    StateView after =
        fold(
            List.of(
                e.manifest(REPO, digest(1)),
                e.manifest(REPO, digest(8), digest(1)),
                e.attach(REPO, digest(1), digest(8), "signature.notation"),
                e.delete(REPO, digest(8))));
    assertEquals(List.of(), after.referrers(REPO, digest(1)));
    assertEquals(List.of(), after.accessories(REPO, digest(1)));
    assertEquals(Map.of(), after.subjectsOf(REPO, digest(8)));
  }

  @Test
  void aTagSchemeAccessoryIsAnAccessoryButNotAReferrer() {
    StateView view =
        fold(
            List.of(
                e.manifest(REPO, digest(1)),
                e.manifest(REPO, digest(5)), // a cosign .sig manifest: no subject field
                e.attach(REPO, digest(1), digest(5), "signature.cosign")));
    assertEquals(List.of(), view.referrers(REPO, digest(1)));
    AccessoryEntry sig = view.accessories(REPO, digest(1)).get(0);
    assertEquals("signature.cosign", sig.type());
    assertFalse(sig.referrer());
    assertEquals(Map.of(digest(1), "signature.cosign"), view.subjectsOf(REPO, digest(5)));
  }

  @Test
  void accessoriesArriveBeforeTheirSubjectAndKeepTheirFirstAttachTime() {
    List<RegistryEvent> history =
        List.of(
            e.manifest(REPO, digest(6)),
            e.attach(REPO, digest(1), digest(6), "signature.cosign"),
            e.manifest(REPO, digest(3)),
            e.attach(REPO, digest(1), digest(3), "sbom.cosign"),
            e.attach(REPO, digest(1), digest(6), "signature.cosign")); // declared again
    StateView before = fold(history);
    assertEquals(
        List.of(digest(6), digest(3)),
        before.accessories(REPO, digest(1)).stream().map(AccessoryEntry::digest).toList());

    List<RegistryEvent> withSubject = new ArrayList<>(history);
    withSubject.add(e.manifest(REPO, digest(1)));
    withSubject.add(e.detach(REPO, digest(1), digest(3)));
    StateView after = fold(withSubject);
    assertEquals(
        List.of(digest(6)),
        after.accessories(REPO, digest(1)).stream().map(AccessoryEntry::digest).toList());
    assertEquals(Map.of(), after.subjectsOf(REPO, digest(3)));
    assertTrue(after.manifest(REPO, digest(3)).isPresent(), "detaching deletes nothing");
  }

  @Test
  void repositoryExistsWhileItHoldsContent() {
    StateView view =
        fold(
            List.of(
                e.blob(REPO, digest(5), 10),
                e.manifest(REPO, digest(1)),
                e.manifest("library/b", digest(1)),
                e.delete("library/b", digest(1)),
                e.blob("library/c", digest(5), 10)));
    assertEquals(List.of("library/app", "library/c"), view.repositories(null, 10));
    assertEquals(List.of("library/c"), view.repositories("library/app", 10));
    assertEquals(1, view.repository(REPO).orElseThrow().manifests());
    assertEquals(10, view.blob(REPO, digest(5)).orElseThrow());

    StateView emptied = fold(List.of(e.blob(REPO, digest(5), 10), e.unlink(REPO, digest(5))));
    assertEquals(List.of(), emptied.repositories(null, 10));
    assertTrue(emptied.blob(REPO, digest(5)).isEmpty());
  }

  @Test
  void replayingAnAppliedSuffixChangesNothing() {
    List<RegistryEvent> history =
        List.of(
            e.blob(REPO, digest(5), 10),
            e.manifest(REPO, digest(1)),
            e.tag(REPO, "v1", digest(1)),
            e.manifest(REPO, digest(2), digest(1)),
            e.attach(REPO, digest(1), digest(2), "subject.accessory"),
            e.delete(REPO, digest(2)));
    InMemoryState once = new InMemoryState();
    history.forEach(once::apply);
    InMemoryState twice = new InMemoryState();
    history.forEach(twice::apply);
    history.subList(1, history.size()).forEach(twice::apply); // at-least-once redelivery
    for (Store store : Store.values()) {
      assertEquals(once.snapshot(store), twice.snapshot(store), store.name());
    }
  }

  @Test
  void rePushKeepsTheFirstPushTime() {
    StateView view = fold(List.of(e.manifest(REPO, digest(1)), e.manifest(REPO, digest(1))));
    assertEquals(1000, view.manifest(REPO, digest(1)).orElseThrow().pushedAt());
    assertEquals(1, view.repository(REPO).orElseThrow().manifests());
  }

  @Test
  void firstProjectCreationWins() {
    StateView view = fold(List.of(e.project("team", 2), e.project("team", 3), e.project("a", 4)));
    assertEquals(List.of("a", "team"), view.projects().stream().map(ProjectEntry::name).toList());
    assertEquals(2, view.project("team").orElseThrow().projectId());
    assertTrue(view.project("team").orElseThrow().isPublic());
  }

  @Test
  void repositoryEventWithoutRepositoryIsRejected() {
    RegistryEvent bad = e.manifest(REPO, digest(1));
    bad.setRepository(null);
    assertThrows(IllegalArgumentException.class, () -> fold(List.of(bad)));
  }
}

package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import io.cairn.replication.policy.ResourceFilter.Kind;
import io.cairn.replication.policy.ResourceFilter.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan as a pure function: tables of what a source holds → the tasks. */
class ExecutionPlanTest {
  static final String APP = digest('a');
  static final String OTHER = digest('b');
  static final String SIG = digest('c');
  static final String SBOM = digest('d');
  static final String INDEX = digest('e');

  @Test
  void anEmptyCatalogPlansNothing() {
    assertEquals(List.of(), plan(List.of()));
  }

  @Test
  void aRepositoryWithoutTagsPlansNothing() {
    assertEquals(List.of(), plan(List.of(new SourceRepository("library/app", Map.of()))));
  }

  @Test
  void aRepositoryWithOnlyAccessoryTagsPlansNothing() {
    // Orphans: a signature, an attestation and a tag-schema index whose subject is not tagged here.
    SourceRepository orphans =
        repo(
            "library/app",
            "sha256-" + hex('a') + ".sig",
            SIG,
            "sha256-" + hex('a') + ".att",
            SBOM,
            "sha256-" + hex('a'),
            INDEX);
    assertEquals(List.of(), plan(List.of(orphans)));
  }

  @Test
  void aSubjectIsOneTaskWithItsTagsAndItsSignatureIsNone() {
    SourceRepository app =
        repo(
            "library/app",
            "v1",
            APP,
            "latest",
            APP,
            "sha256-" + hex('a') + ".sig",
            SIG,
            "sha256-" + hex('a'),
            INDEX);
    List<ReplicationTask> tasks = plan(List.of(app));
    assertEquals(
        List.of(
            ReplicationTask.of("library/app", APP, List.of("latest", "v1"), "library/app", true)),
        tasks);
    ReplicationTask task = tasks.get(0);
    assertEquals("library/app@" + APP, task.key());
    assertEquals("library/app:[latest,v1]", task.srcResource());
    assertEquals("library/app:[latest,v1]", task.dstResource());
    assertEquals("image", task.resourceType());
    assertEquals("copy", task.operation());
  }

  @Test
  void aTagFilterThatExcludesTheSubjectDoesNotCopyItsSignatureAlone() {
    SourceRepository app =
        repo("library/app", "dev", APP, "sha256-" + hex('a') + ".sig", SIG, "v2", OTHER);
    assertEquals(
        List.of(ReplicationTask.of("library/app", OTHER, List.of("v2"), "library/app", true)),
        plan(List.of(app), ResourceFilter.of(List.of(matches(Kind.TAG, "v*"))), Destination.SAME));
    // A filter written to catch signature tags selects no subject, so nothing.
    assertEquals(
        List.of(),
        plan(
            List.of(app),
            ResourceFilter.of(List.of(matches(Kind.TAG, "sha256-*"))),
            Destination.SAME));
    // Excluding the subject's only tag excludes the subject; its signature is not a task either.
    assertEquals(
        List.of("v2"),
        plan(List.of(app), ResourceFilter.of(List.of(excludes(Kind.TAG, "dev"))), Destination.SAME)
            .stream()
            .flatMap(t -> t.tags().stream())
            .toList());
  }

  @Test
  void aTagFilterKeepsOnlyTheTagsItMatches() {
    SourceRepository app = repo("library/app", "v1", APP, "latest", APP, "v1.1", APP);
    List<ReplicationTask> tasks =
        plan(List.of(app), ResourceFilter.of(List.of(matches(Kind.TAG, "v*"))), Destination.SAME);
    assertEquals(List.of("v1", "v1.1"), tasks.get(0).tags());
    assertEquals("library/app:[v1,v1.1]", tasks.get(0).srcResource());
  }

  @Test
  void aDigestTaggedBothAsAnAccessoryAndOtherwiseIsAnAccessory() {
    SourceRepository app =
        repo("library/app", "v1", APP, "sha256-" + hex('a') + ".sig", SIG, "signature", SIG);
    assertEquals(List.of(APP), digests(plan(List.of(app))));
  }

  @Test
  void theNameFilterAndDestinationApply() {
    List<SourceRepository> source =
        List.of(
            repo("library/app", "v1", APP),
            repo("team/a/tool", "1.0", OTHER),
            repo("tmp/scratch", "x", APP));
    ResourceFilter notTmp = ResourceFilter.of(List.of(excludes(Kind.NAME, "tmp/**")));
    List<ReplicationTask> tasks = plan(source, notTmp, new Destination("mirror", 1));
    assertEquals(
        List.of("library/app", "team/a/tool"),
        tasks.stream().map(ReplicationTask::srcRepository).toList());
    assertEquals(
        List.of("mirror/app", "mirror/a/tool"),
        tasks.stream().map(ReplicationTask::dstRepository).toList());
    assertEquals("mirror/a/tool:[1.0]", tasks.get(1).dstResource());
    assertEquals("team/a/tool:[1.0]", tasks.get(1).srcResource());
  }

  @Test
  void aDestinationThatCannotNameASelectedRepositoryFailsThePlan() {
    Destination tooDeep = new Destination("mirror", 3);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> plan(List.of(repo("library/app", "v1", APP)), ResourceFilter.ALL, tooDeep));
    assertTrue(e.getMessage().contains("library/app"), e.getMessage());
    // An unselected repository is never asked about: it cannot fail the plan.
    ResourceFilter onlyDeep = ResourceFilter.of(List.of(matches(Kind.NAME, "a/b/**")));
    assertEquals(
        List.of("mirror/d"),
        plan(List.of(repo("library/app", "v1", APP), repo("a/b/c/d", "v1", APP)), onlyDeep, tooDeep)
            .stream()
            .map(ReplicationTask::dstRepository)
            .toList());
  }

  @Test
  void theOrderAndKeysDoNotDependOnTheOrderOfTheInput() {
    List<SourceRepository> source = new ArrayList<>();
    source.add(repo("b/repo", "z", APP, "a", OTHER));
    source.add(repo("a/repo", "m", OTHER, "n", APP, "sha256-" + hex('b') + ".sig", SIG));
    List<ReplicationTask> once = plan(source);
    Collections.reverse(source);
    assertEquals(once, plan(source));
    assertEquals(
        List.of("a/repo@" + OTHER, "a/repo@" + APP, "b/repo@" + OTHER, "b/repo@" + APP),
        once.stream().map(ReplicationTask::key).toList());
  }

  @Test
  void aRepositoryListedTwiceCountsOnce() {
    List<ReplicationTask> tasks =
        plan(List.of(repo("library/app", "v1", APP), repo("library/app", "v2", APP)));
    assertEquals(1, tasks.size());
    assertEquals(List.of("v1", "v2"), tasks.get(0).tags());
  }

  @Test
  void theResourceFilterSeesWhichSubjectsAreImages() {
    SourceRepository mixed =
        new SourceRepository("library/mixed", Map.of("img", APP, "chart", OTHER), Set.of(OTHER));
    ResourceFilter images = ResourceFilter.of(List.of(matches(Kind.RESOURCE, "image")));
    assertEquals(List.of(APP), digests(plan(List.of(mixed), images, Destination.SAME)));
    List<ReplicationTask> all = plan(List.of(mixed));
    assertEquals(
        List.of("artifact", "image"), all.stream().map(ReplicationTask::resourceType).toList());
  }

  @Test
  void badInputIsRefusedWhereItIsMade() {
    Map<String, String> nullDigest = new HashMap<>();
    nullDigest.put("v1", null);
    assertThrows(NullPointerException.class, () -> new SourceRepository("library/app", nullDigest));
    assertThrows(NullPointerException.class, () -> new SourceRepository(null, Map.of()));
    assertThrows(
        NullPointerException.class, () -> new ReplicationTask(null, "a", APP, List.of(), "b"));
    assertThrows(
        NullPointerException.class,
        () -> ReplicationTask.of("a", APP, java.util.Arrays.asList("v1", null), "b", true));
    assertThrows(NullPointerException.class, () -> plan(null));
  }

  @Test
  void anUntaggedTaskShowsItsDigest() {
    ReplicationTask task = ReplicationTask.of("library/app", APP, List.of(), "mirror/app", true);
    assertEquals("library/app@" + APP, task.srcResource());
    assertEquals("mirror/app@" + APP, task.dstResource());
    assertEquals(
        new ReplicationTask(task.key(), "library/app", APP, List.of(), "mirror/app"), task);
  }

  @Test
  void accessoryTagsAreRecognisedExactly() {
    Map<String, Boolean> table = new LinkedHashMap<>();
    table.put("sha256-" + hex('a') + ".sig", true);
    table.put("sha256-" + hex('a') + ".att", true);
    table.put("sha256-" + hex('a') + ".sbom", true);
    table.put("sha256-" + hex('a'), true);
    table.put("sha512-" + hex('a'), true);
    table.put("sha256-" + hex('a').substring(1), false);
    table.put("sha256-" + hex('a') + "0", false);
    table.put("sha256-" + hex('a') + ".sig2", false);
    table.put("sha256-" + hex('a') + ".sig.bak", false);
    table.put("SHA256-" + hex('a'), false);
    table.put("sha256-" + "g".repeat(64), false);
    table.put("md5-" + hex('a'), false);
    table.put("v1", false);
    table.put("latest", false);
    table.forEach((tag, expected) -> assertEquals(expected, AccessoryTag.matches(tag), tag));
  }

  private static List<ReplicationTask> plan(List<SourceRepository> source) {
    return plan(source, ResourceFilter.ALL, Destination.SAME);
  }

  private static List<ReplicationTask> plan(
      List<SourceRepository> source, ResourceFilter filter, Destination destination) {
    return ExecutionPlan.tasks(source, filter, destination);
  }

  private static List<String> digests(List<ReplicationTask> tasks) {
    return tasks.stream().map(ReplicationTask::digest).toList();
  }

  private static SourceRepository repo(String name, String... tagDigestPairs) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < tagDigestPairs.length; i += 2) {
      tags.put(tagDigestPairs[i], tagDigestPairs[i + 1]);
    }
    return new SourceRepository(name, tags);
  }

  private static Rule matches(Kind kind, String value) {
    return new Rule(kind, value, List.of(), false);
  }

  private static Rule excludes(Kind kind, String value) {
    return new Rule(kind, value, List.of(), true);
  }

  private static String hex(char c) {
    return String.valueOf(c).repeat(64);
  }

  private static String digest(char c) {
    return "sha256:" + hex(c);
  }
}

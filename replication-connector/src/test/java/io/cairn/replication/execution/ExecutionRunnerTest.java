package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.copy.ReferrersTagIndex;
import io.cairn.replication.execution.TaskResult.Status;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import io.cairn.replication.policy.ResourceFilter.Kind;
import io.cairn.replication.policy.ResourceFilter.Rule;
import io.cairn.replication.testing.Content;
import io.cairn.replication.testing.RegistryProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Executions between real distribution 2.8 registries (neither has the referrers API). Each test
 * writes under its own destination namespace, or to a target of its own when it breaks the target.
 */
class ExecutionRunnerTest extends ExecutionRunnerFixture {
  @Test
  void aFullRunCopiesEverySubjectWithItsAccessoriesAndTheTargetsTagsMatch() throws IOException {
    Recorder progress = new Recorder();
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "full").run(Set.of(), () -> false, progress);

    assertEquals(new Outcome(4, 4, 0, 0, 0, outcome.bytes()), outcome);
    assertTrue(outcome.bytes() > 0);
    assertEquals(1, progress.plannedCalls);
    assertEquals(
        List.of(
            "library/app:[dev]",
            "library/app:[latest,v1]",
            "library/multi:[multi]",
            "other/tool:[1.0]"),
        progress.planned.stream().map(ReplicationTask::srcResource).toList());
    assertEquals("full/library/app:[latest,v1]", progress.planned.get(1).dstResource());
    assertEquals(progress.planned, progress.started);
    for (ReplicationTask task : progress.planned) {
      TaskResult result = progress.results.get(task.key());
      assertEquals(Status.SUCCEED, result.status(), result.log());
      assertTrue(result.log().contains("pushed"), result.log());
    }
    assertEquals(
        outcome.bytes(),
        progress.results.values().stream().mapToLong(TaskResult::bytesPushed).sum());

    assertWholeCopyUnder("full");
  }

  @Test
  void aSecondRunWithTheFirstRunsDoneKeysCopiesNothing() throws IOException {
    Recorder first = new Recorder();
    runner(source, target, ResourceFilter.ALL, "again").run(Set.of(), () -> false, first);
    long requests = targetRegistry.requestsMatching("/v2/again/");

    Recorder second = new Recorder();
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "again")
            .run(first.doneKeys(), () -> false, second);

    assertEquals(new Outcome(4, 0, 0, 0, 4, 0), outcome);
    assertEquals(first.planned, second.planned);
    assertTrue(second.started.isEmpty());
    assertTrue(second.results.isEmpty());
    assertEquals(
        requests, targetRegistry.requestsMatching("/v2/again/"), "the target was not asked");
  }

  @Test
  void aStopAfterTheFirstTaskLeavesTheRestStopped() throws IOException {
    AtomicBoolean stop = new AtomicBoolean();
    Recorder progress = new Recorder(task -> stop.set(true));
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "stop").run(Set.of(), stop::get, progress);

    assertEquals(new Outcome(4, 1, 0, 3, 0, outcome.bytes()), outcome);
    assertEquals(List.of(progress.planned.get(0)), progress.started);
    for (ReplicationTask task : progress.planned.subList(1, 4)) {
      TaskResult result = progress.results.get(task.key());
      assertEquals(Status.STOPPED, result.status());
      assertEquals(0, result.bytesPushed());
      assertTrue(result.log().contains("stopped before it started"), result.log());
    }
    assertEquals(Set.of("dev"), tagsAt(target, "stop/library/app"));
    assertEquals(Set.of(), tagsAt(target, "stop/library/multi"));
    assertEquals(Set.of(), tagsAt(target, "stop/other/tool"));
  }

  @Test
  void aRunWithoutDoneKeysAfterAPartialCopyPushesNothingTwice() throws IOException {
    AtomicBoolean stop = new AtomicBoolean();
    runner(source, target, ResourceFilter.ALL, "resume")
        .run(Set.of(), stop::get, new Recorder(task -> stop.set(true)));

    Recorder progress = new Recorder();
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "resume").run(Set.of(), () -> false, progress);

    assertEquals(new Outcome(4, 4, 0, 0, 0, outcome.bytes()), outcome);
    TaskResult again = progress.results.get(progress.planned.get(0).key());
    assertEquals(0, again.bytesPushed());
    assertTrue(again.log().contains("nothing to push"), again.log());
    // pushed once: under its tag (nothing follows it in its closure), never again by digest
    assertEquals(
        1,
        targetRegistry.requestsMatching("\"PUT /v2/resume/library/app/manifests/dev ")
            + targetRegistry.requestsMatching(
                "\"PUT /v2/resume/library/app/manifests/" + dev.digest()));
    for (String repository : REPOSITORIES) {
      List<String> tags = target.tags("resume/" + repository);
      assertEquals(tags.size(), new HashSet<>(tags).size(), "no duplicate tags: " + tags);
      assertEquals(tagsAt(source, repository), Set.copyOf(tags), repository);
    }
    assertEquals(1, new ReferrersTagIndex(target).read("resume/library/app", app.digest()).size());
  }

  @Test
  void aTagFilterCarriesTheSignatureOfTheSubjectItSelectsAndNothingElse() throws IOException {
    ResourceFilter v1 = ResourceFilter.of(List.of(new Rule(Kind.TAG, "v1", List.of(), false)));
    Recorder progress = new Recorder();
    Outcome outcome = runner(source, target, v1, "filtered").run(Set.of(), () -> false, progress);

    assertEquals(1, outcome.total());
    assertEquals(1, outcome.succeeded());
    assertEquals("library/app:[v1]", progress.planned.get(0).srcResource());
    String tagIndex = ReferrersTagIndex.tagFor(app.digest());
    assertEquals(Set.of("v1", tagIndex + ".sig", tagIndex), tagsAt(target, "filtered/library/app"));
    assertTrue(target.headManifest("filtered/library/app", dev.digest().toString()).isEmpty());
  }

  @Test
  void aRepositoryTheTargetCannotStoreFailsAfterRetriesAndTheOthersSucceed() throws IOException {
    // A file where the target keeps the repository's folder: the target answers 500 for it.
    Path repositories = dir.resolve("target/storage/docker/registry/v2/repositories/t6");
    Files.createDirectories(repositories);
    Files.writeString(repositories.resolve("blocked"), "not a folder");

    Recorder progress = new Recorder();
    Outcome outcome =
        runner(failSource, target, ResourceFilter.ALL, "t6").run(Set.of(), () -> false, progress);

    assertEquals(new Outcome(3, 2, 1, 0, 0, outcome.bytes()), outcome);
    TaskResult blocked = progress.resultOf("blocked/app");
    assertEquals(Status.FAILED, blocked.status());
    assertTrue(blocked.log().contains("failed after 3 attempts"), blocked.log());
    assertTrue(blocked.log().contains("HTTP 500"), blocked.log());
    assertTrue(blocked.log().startsWith("blocked/app@sha256:"), blocked.log());
    assertEquals(Status.SUCCEED, progress.resultOf("good/one").status());
    assertEquals(Status.SUCCEED, progress.resultOf(LONG).status());
    assertEquals(3, progress.started.size(), "a reachable target does not end the run early");
  }

  @Test
  void aNameTheTargetCannotTakeFailsAtOnceAndTheOthersSucceed() throws IOException {
    Recorder progress = new Recorder();
    Outcome outcome =
        runner(failSource, target, ResourceFilter.ALL, "permanent-seven-namespace")
            .run(Set.of(), () -> false, progress);

    assertEquals(new Outcome(3, 2, 1, 0, 0, outcome.bytes()), outcome);
    TaskResult tooLong = progress.resultOf(LONG);
    assertEquals(Status.FAILED, tooLong.status());
    assertTrue(tooLong.log().contains("refused: not a repository name"), tooLong.log());
    assertEquals(Status.SUCCEED, progress.resultOf("blocked/app").status());
    assertEquals(Status.SUCCEED, progress.resultOf("good/one").status());
  }

  @Test
  void aTargetThatRefusesTheCredentialsFailsEveryTaskWithTheReasonAndNoSecret() throws Exception {
    String secret = "Wr0ng-secret-for-the-log";
    try (RegistryProcess guarded = RegistryProcess.withBasicAuth(dir.resolve("guarded"))) {
      OciClient refusing =
          new OciClient(guarded.withCredentials(RegistryProcess.USER, secret), TIMEOUT);
      Recorder progress = new Recorder();
      Outcome outcome =
          runner(source, refusing, ResourceFilter.ALL, null).run(Set.of(), () -> false, progress);

      assertEquals(new Outcome(4, 0, 4, 0, 0, 0), outcome);
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (RegistryProcess.USER + ":" + secret).getBytes(StandardCharsets.UTF_8));
      for (TaskResult result : progress.results.values()) {
        assertTrue(result.log().contains("refused"), result.log());
        assertTrue(result.log().contains("HTTP 401"), result.log());
        assertFalse(result.log().contains(secret), result.log());
        assertFalse(result.log().contains(basic), result.log());
      }
      assertEquals(4, progress.started.size(), "a refusal is no reason to skip the other tasks");
    }
  }

  @Test
  void aTargetKilledDuringTheRunFailsTheRestAtOnceAndARerunFinishesTheJob() throws Exception {
    Path killedDir = dir.resolve("killed");
    RegistryProcess killed = RegistryProcess.start(killedDir);
    OciClient first = new OciClient(killed.anonymous(), Duration.ofSeconds(2));
    Recorder progress = new Recorder(task -> killed.close());
    long start = System.nanoTime();
    Outcome outcome =
        runner(source, first, ResourceFilter.ALL, null).run(Set.of(), () -> false, progress);

    assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
    assertEquals(new Outcome(4, 1, 3, 0, 0, outcome.bytes()), outcome);
    assertEquals(2, progress.started.size());
    TaskResult second = progress.results.get(progress.planned.get(1).key());
    assertTrue(second.log().contains("failed after 3 attempts"), second.log());
    assertTrue(second.log().contains("no answer from the registry"), second.log());
    for (ReplicationTask task : progress.planned.subList(2, 4)) {
      String log = progress.results.get(task.key()).log();
      assertTrue(log.contains("not attempted: the target registry http://127.0.0.1:"), log);
    }

    // The target back (same storage, a new port): a rerun with the done keys finishes the job.
    try (RegistryProcess back = RegistryProcess.start(killedDir)) {
      OciClient again = new OciClient(back.anonymous(), TIMEOUT);
      Recorder rerun = new Recorder();
      Outcome resumed =
          runner(source, again, ResourceFilter.ALL, null)
              .run(progress.doneKeys(), () -> false, rerun);
      assertEquals(new Outcome(4, 3, 0, 0, 1, resumed.bytes()), resumed);
      for (String repository : REPOSITORIES) {
        assertEquals(tagsAt(source, repository), tagsAt(again, repository), repository);
      }
      assertEquals(0, back.requestsMatching("\"PUT /v2/library/app/manifests/" + dev.digest()));
      assertEquals(1, new ReferrersTagIndex(again).read("library/app", app.digest()).size());
    }
  }

  @Test
  void aStopWhileWaitingToRetryEndsTheRunPromptly() throws IOException {
    Path repositories = dir.resolve("target/storage/docker/registry/v2/repositories/t14");
    Files.createDirectories(repositories);
    Files.writeString(repositories.resolve("blocked"), "not a folder");
    ResourceFilter blockedOnly =
        ResourceFilter.of(List.of(new Rule(Kind.NAME, "blocked/**", List.of(), false)));
    long[] stopAt = {Long.MAX_VALUE};
    BooleanSupplier stop = () -> System.nanoTime() > stopAt[0];
    Recorder progress = new Recorder();
    progress.onStart = task -> stopAt[0] = System.nanoTime() + Duration.ofMillis(300).toNanos();
    ExecutionRunner runner =
        new ExecutionRunner(
            failSource,
            target,
            new ArtifactCopier(failSource, target, 0),
            blockedOnly,
            new Destination("t14", 0),
            new RetryPolicy(5, Duration.ofSeconds(20), Duration.ofSeconds(20)));
    long start = System.nanoTime();
    Outcome outcome = runner.run(Set.of(), stop, progress);

    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "stopped promptly");
    assertEquals(new Outcome(1, 0, 0, 1, 0, 0), outcome);
    String log = progress.resultOf("blocked/app").log();
    assertTrue(log.contains("stopped while waiting to retry after"), log);
    assertTrue(log.contains("HTTP 500"), log);
  }

  @Test
  void aStopBeforeTheRunPlansNothingAndAsksNothing() throws IOException {
    long catalogs = sourceRegistry.requestsMatching("/v2/_catalog");
    Recorder progress = new Recorder();
    Outcome outcome =
        runner(source, target, ResourceFilter.ALL, "never").run(Set.of(), () -> true, progress);
    assertEquals(new Outcome(0, 0, 0, 0, 0, 0), outcome);
    assertEquals(0, progress.plannedCalls);
    assertEquals(catalogs, sourceRegistry.requestsMatching("/v2/_catalog"));
  }

  @Test
  void anUnreachableSourceMakesTheRunFailWithAClearMessage() throws IOException {
    int port = RegistryProcess.freePort();
    OciClient nowhere =
        new OciClient(
            Endpoint.anonymous(URI.create("http://127.0.0.1:" + port)), Duration.ofSeconds(2));
    Recorder progress = new Recorder();
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                runner(nowhere, target, ResourceFilter.ALL, "none")
                    .run(Set.of(), () -> false, progress));
    assertTrue(
        e.getMessage()
            .startsWith("cannot read what the source registry http://127.0.0.1:" + port + " holds"),
        e.getMessage());
    assertTrue(e.getMessage().contains("no answer from the registry"), e.getMessage());
    assertFalse(e.permanent());
    assertEquals(0, progress.plannedCalls);
  }

  @Test
  void aSourceThatRefusesItsCatalogFailsTheRunAtOnceAndOneWithCredentialsIsPulled()
      throws Exception {
    try (RegistryProcess guarded = RegistryProcess.withBasicAuth(dir.resolve("guarded-source"))) {
      OciClient signedIn =
          new OciClient(
              guarded.withCredentials(RegistryProcess.USER, RegistryProcess.PASSWORD), TIMEOUT);
      Content content = new Content(signedIn, "private/app");
      Manifest image = content.image("private", "private layer");
      content.push(image, "v1");
      content.cosignSignature(image.digest(), "dave");

      OciClient anonymous = new OciClient(guarded.anonymous(), TIMEOUT);
      RegistryException refused =
          assertThrows(
              RegistryException.class,
              () ->
                  runner(anonymous, target, ResourceFilter.ALL, "pulled")
                      .run(Set.of(), () -> false, new Recorder()));
      assertEquals(401, refused.status());
      assertTrue(refused.permanent());
      assertTrue(
          refused.getMessage().contains("does not let this account list its repositories"),
          refused.getMessage());
      assertEquals(1, guarded.requestsMatching("/v2/_catalog"), "a refusal is not retried");

      Recorder progress = new Recorder();
      Outcome pulled =
          runner(signedIn, target, ResourceFilter.ALL, "pulled")
              .run(Set.of(), () -> false, progress);
      assertEquals(new Outcome(1, 1, 0, 0, 0, pulled.bytes()), pulled);
      assertEquals(tagsAt(signedIn, "private/app"), tagsAt(target, "pulled/private/app"));
      assertFalse(progress.resultOf("private/app").log().contains(RegistryProcess.PASSWORD));
    }
  }
}

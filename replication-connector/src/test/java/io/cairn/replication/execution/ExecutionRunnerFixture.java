package io.cairn.replication.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Descriptor;
import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.copy.ReferrersTagIndex;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import io.cairn.replication.testing.Content;
import io.cairn.replication.testing.RegistryProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ExecutionRunnerTest} runs between, started and filled once for the class: a source
 * with images, an index, signatures and an SBOM, an empty target, and a source whose names a target
 * may refuse.
 */
abstract class ExecutionRunnerFixture {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50));

  /** library/app, library/multi, other/tool, as the source lists them. */
  static final List<String> REPOSITORIES = List.of("library/app", "library/multi", "other/tool");

  /**
   * 240 characters: a source keeps it, and so does a target under a short namespace, but a long
   * namespace takes it past 255. (Distribution 2.8 with its in-memory blob descriptor cache, as
   * {@link RegistryProcess} runs it, refuses names from 247 characters on, with a 500.)
   */
  static final String LONG = "long/" + "segment-x/".repeat(23) + "tail0";

  @TempDir static Path dir;
  static RegistryProcess sourceRegistry;
  static RegistryProcess targetRegistry;
  static RegistryProcess failSourceRegistry;
  static OciClient source;
  static OciClient target;
  static OciClient failSource;

  static Manifest app;
  static Manifest appSig;
  static Manifest appSbom;
  static Manifest dev;
  static Manifest multi;
  static Manifest tool;

  @BeforeAll
  static void start() throws Exception {
    sourceRegistry = RegistryProcess.start(dir.resolve("source"));
    targetRegistry = RegistryProcess.start(dir.resolve("target"));
    failSourceRegistry = RegistryProcess.start(dir.resolve("fail-source"));
    source = new OciClient(sourceRegistry.anonymous(), TIMEOUT);
    target = new OciClient(targetRegistry.anonymous(), TIMEOUT);
    failSource = new OciClient(failSourceRegistry.anonymous(), TIMEOUT);

    Content library = new Content(source, "library/app");
    app = library.image("app", "app layer one", "app layer two");
    library.push(app, "v1");
    library.push(app, "latest");
    appSig = library.cosignSignature(app.digest(), "alice");
    appSbom = library.referrer(app, Content.SBOM_TYPE, "{\"spdxVersion\":\"SPDX-2.3\"}");
    new ReferrersTagIndex(source).add("library/app", app.digest(), Content.referrerEntry(appSbom));
    dev = library.image("app-dev", "dev layer");
    library.push(dev, "dev");

    Content multiRepo = new Content(source, "library/multi");
    Manifest amd = multiRepo.image("amd", "amd layer");
    Manifest arm = multiRepo.image("arm", "arm layer");
    multiRepo.cosignSignature(amd.digest(), "alice");
    multiRepo.cosignSignature(arm.digest(), "alice");
    multi = multiRepo.index("multi", List.of(amd, arm));

    Content toolRepo = new Content(source, "other/tool");
    tool = toolRepo.image("tool", "tool layer");
    toolRepo.push(tool, "1.0");
    toolRepo.cosignSignature(tool.digest(), "bob");

    for (String repository : List.of("good/one", "blocked/app", LONG)) {
      Content c = new Content(failSource, repository);
      Manifest m = c.image(repository, "layer of " + repository.hashCode());
      c.push(m, "v1");
      c.cosignSignature(m.digest(), "carol");
    }
  }

  @AfterAll
  static void stop() {
    sourceRegistry.close();
    targetRegistry.close();
    failSourceRegistry.close();
  }

  static ExecutionRunner runner(
      OciClient from, OciClient to, ResourceFilter filter, String namespace) {
    return new ExecutionRunner(
        from,
        to,
        new ArtifactCopier(from, to, 0),
        filter,
        namespace == null ? Destination.SAME : new Destination(namespace, 0),
        FAST);
  }

  static Set<String> tagsAt(OciClient client, String repository) throws IOException {
    return Set.copyOf(client.tags(repository));
  }

  /** Every source repository's tags, app's accessories and its SBOM's index under {@code ns}. */
  static void assertWholeCopyUnder(String ns) throws IOException {
    for (String repository : REPOSITORIES) {
      assertEquals(tagsAt(source, repository), tagsAt(target, ns + "/" + repository), repository);
    }
    for (Manifest m : List.of(app, appSig, appSbom, dev)) {
      assertTrue(
          target.headManifest(ns + "/library/app", m.digest().toString()).isPresent(), "" + m);
    }
    assertEquals(
        List.of(appSbom.digest()),
        new ReferrersTagIndex(target)
            .read(ns + "/library/app", app.digest()).stream().map(Descriptor::digest).toList());
  }
}

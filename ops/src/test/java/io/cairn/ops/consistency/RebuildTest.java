package io.cairn.ops.consistency;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Deleting the RocksDB state and restarting rebuilds the exact same view from the log"
 * (ARCHITECTURE.md), on a history of 240 images with moved tags, deletions and referrers.
 */
@ExtendWith(SharedKafka.class)
class RebuildTest {
  private static final int IMAGES = 240;
  private static final int REPOSITORIES = 12;
  private static final String MEDIA = "application/vnd.oci.image.manifest.v1+json";

  @Test
  void deletingTheStateAndRestartingGivesIdenticalAnswers(@TempDir Path data) throws Exception {
    TestCairn cairn = TestCairn.start(data);
    try {
      RegistryClient client = new RegistryClient(cairn.url());
      List<String> subjects = writeHistory(client);
      RegistrySnapshot before = RegistrySnapshot.take(client, subjects);
      assertTrue(
          before.answers().size() > IMAGES, "a non-trivial history: " + before.answers().size());

      cairn = cairn.rebuild();
      RegistrySnapshot after = RegistrySnapshot.take(new RegistryClient(cairn.url()), subjects);
      assertEquals(before.answers(), after.answers(), "after deleting the state directory");

      // A second projection with a new application id has no changelog to restore from: it folds
      // the event log itself from offset 0 (into state/<new id>; the blob bytes are shared).
      CairnConfig fresh =
          cairn
              .config()
              .withTopics(cairn.config().topics(), cairn.config().applicationId() + "-refold")
              .withListen("127.0.0.1", 0);
      try (TestCairn refold = TestCairn.start(fresh)) {
        RegistrySnapshot folded = RegistrySnapshot.take(new RegistryClient(refold.url()), subjects);
        assertEquals(before.answers(), folded.answers(), "a fresh fold of the log");
      }
    } finally {
      cairn.close();
    }
  }

  /** Pushes the images from 8 threads, then moves, deletes and refers; returns the subjects. */
  private static List<String> writeHistory(RegistryClient client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Pushed>> pushes = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      int n = i;
      pushes.add(pool.submit(() -> push(client, n)));
    }
    List<Pushed> images = new ArrayList<>();
    for (Future<Pushed> f : pushes) {
      images.add(f.get());
    }
    pool.shutdown();
    List<String> subjects = new ArrayList<>();
    for (Pushed image : images) {
      if (image.n % 5 == 0) { // moved tag: latest now points at this image
        expect(201, client.putManifest(image.repo, "latest", MEDIA, image.manifest));
      }
      if (image.n % 7 == 0) { // deleted by digest, with its tags
        expect(202, client.delete("/v2/" + image.repo + "/manifests/" + image.digest));
      } else if (image.n % 11 == 0) { // tag deleted, manifest kept
        expect(202, client.delete("/v2/" + image.repo + "/manifests/v" + image.n));
      } else if (image.n % 3 == 0) { // a referrer (an unsigned "signature") of this image
        subjects.add(image.digest.toString());
        byte[] config = ("{\"ref\":" + image.n + "}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = client.pushBlob(image.repo, config);
        byte[] referrer =
            RegistryClient.imageManifest(
                configDigest, config.length, image.digest, image.manifest.length);
        expect(
            201,
            client.putManifest(image.repo, Digest.sha256(referrer).toString(), MEDIA, referrer));
      }
    }
    return subjects;
  }

  private static Pushed push(RegistryClient client, int n) throws Exception {
    String repo = "library/rebuild-" + (n % REPOSITORIES);
    byte[] layer = ("layer " + n).getBytes(StandardCharsets.UTF_8);
    byte[] config = ("{\"image\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    Digest layerDigest = client.pushBlob(repo, layer);
    Digest configDigest = client.pushBlob(repo, config);
    byte[] manifest =
        RegistryClient.imageManifest(configDigest, config.length, null, 0, layerDigest);
    expect(201, client.putManifest(repo, "v" + n, MEDIA, manifest));
    return new Pushed(n, repo, Digest.sha256(manifest), manifest);
  }

  private record Pushed(int n, String repo, Digest digest, byte[] manifest) {}
}

package io.cairn.ops.consistency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARCHITECTURE.md's write path promise: a client that pushes and immediately pulls sees its write.
 * Eight clients, 500 push-then-pull rounds each, against the real broker; zero misses.
 */
@ExtendWith(SharedKafka.class)
class ReadYourWritesTest {
  private static final int CLIENTS = 8;
  private static final int ROUNDS = 500;

  @Test
  void everyPushIsVisibleToTheVeryNextPull(@TempDir Path data) throws Exception {
    try (TestCairn cairn = TestCairn.start(data)) {
      RegistryClient client = new RegistryClient(cairn.url());
      AtomicInteger misses = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      long started = System.nanoTime();
      for (int c = 0; c < CLIENTS; c++) {
        int id = c;
        clients.add(
            pool.submit(
                () -> {
                  rounds(client, id, misses);
                  return null;
                }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "read-your-writes: %d push+pull rounds in %.1f s (%.0f rounds/s)%n",
          CLIENTS * ROUNDS, seconds, CLIENTS * ROUNDS / seconds);
      assertEquals(0, misses.get(), "pulls that did not see the push just acknowledged");
    }
  }

  private static void rounds(RegistryClient client, int id, AtomicInteger misses) throws Exception {
    String repository = "library/ryw-" + id;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] config =
          ("{\"client\":" + id + ",\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
      Digest configDigest = client.pushBlob(repository, config);
      byte[] manifest = RegistryClient.imageManifest(configDigest, config.length, null, 0);
      String tag = "r" + round;
      RegistryClient.expect(
          201,
          client.putManifest(
              repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest));
      HttpResponse<byte[]> pulled = client.getManifest(repository, tag);
      if (pulled.statusCode() != 200) {
        misses.incrementAndGet();
        continue;
      }
      assertArrayEquals(manifest, pulled.body());
    }
  }
}

package io.cairn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new registry's whole data directory (embedded broker, Streams state, blobs, keys) stays small
 * on disk while it runs. What counts is the space allocated, not the files' lengths: RocksDB and
 * Kafka reserve space ahead of writing (fallocate), and Kafka's sparse index files have a length of
 * 10 MiB that takes almost no disk.
 */
class DataDirectorySizeTest {
  /** The bound README.md promises for a new registry ("Data layout"). */
  private static final long BOUND_BYTES = 50L * 1024 * 1024;

  @Test
  void aNewRegistryWithThreeSmallImagesTakesLessThan50MbOnDisk(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    CairnConfig config =
        CairnConfig.defaults(data)
            .withListen("127.0.0.1", 0)
            .withKafkaListen("127.0.0.1", 0)
            .withAdminPassword(Login.ADMIN.secret());
    try (Cairn cairn = Cairn.start(config)) {
      RegistryClient admin = new RegistryClient(cairn.url());
      for (String repository : new String[] {"library/one", "library/two", "library/three"}) {
        admin.pushImage(repository, "v1");
      }
      // Measured while running: RocksDB gives reserved space back only when a store closes.
      long allocated = allocatedBytes(data);
      assertTrue(
          allocated < BOUND_BYTES,
          "data directory holds " + allocated / 1024 + " KiB on disk: " + largest(data));
    }
  }

  /** What {@code du} counts: the blocks allocated to every file under {@code dir}. */
  private static long allocatedBytes(Path dir) throws IOException, InterruptedException {
    String out = run("du", "-s", "--block-size=1", dir.toString());
    return Long.parseLong(out.split("\\s+")[0]);
  }

  /** The biggest directories, to say where the space went when the bound is broken. */
  private static String largest(Path dir) throws IOException, InterruptedException {
    return run("sh", "-c", "du -k \"$0\" | sort -n | tail -5", dir.toString());
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}

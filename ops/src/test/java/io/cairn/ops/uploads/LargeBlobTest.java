package io.cairn.ops.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB layer pushed over HTTP (one streamed PATCH, then PUT) and pulled back, in a test JVM
 * whose heap (-Xmx1g) could not hold it: both directions stream. The bytes come from a generator,
 * never from a file in git.
 */
@ExtendWith(SharedKafka.class)
class LargeBlobTest {
  private static final long SIZE = 2L * 1024 * 1024 * 1024;

  @Test
  void twoGibibytesPushAndPullWithASmallHeap(@TempDir Path data) throws Exception {
    Digest digest = new Digest("sha256", HexFormat.of().formatHex(hash(new Generated(SIZE))));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long heapBefore = usedHeap();
    try (TestCairn cairn = TestCairn.start(data)) {
      HttpResponse<String> started =
          http.send(
              HttpRequest.newBuilder(URI.create(cairn.url() + "/v2/library/big/blobs/uploads/"))
                  .header("Authorization", Login.ADMIN.basic())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String location = started.headers().firstValue("Location").orElseThrow();
      long t0 = System.nanoTime();
      HttpResponse<String> patched =
          http.send(
              HttpRequest.newBuilder(URI.create(cairn.url() + location))
                  .header("Authorization", Login.ADMIN.basic())
                  .method(
                      "PATCH",
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(SIZE)),
                          SIZE))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(202, patched.statusCode(), patched.body());
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(cairn.url() + location + "?digest=" + digest))
                  .header("Authorization", Login.ADMIN.basic())
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, put.statusCode(), put.body());
      double pushSeconds = (System.nanoTime() - t0) / 1e9;
      long heapDuringPush = usedHeap();

      long t1 = System.nanoTime();
      HttpResponse<InputStream> pulled =
          http.send(
              HttpRequest.newBuilder(URI.create(cairn.url() + "/v2/library/big/blobs/" + digest))
                  .header("Authorization", Login.ADMIN.basic())
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, pulled.statusCode());
      assertEquals(
          String.valueOf(SIZE), pulled.headers().firstValue("Content-Length").orElseThrow());
      byte[] pulledHash;
      try (InputStream body = pulled.body()) {
        pulledHash = hash(body);
      }
      double pullSeconds = (System.nanoTime() - t1) / 1e9;
      assertEquals(digest.hex(), HexFormat.of().formatHex(pulledHash));
      long heapAfter = usedHeap();
      System.out.printf(
          "2 GiB blob: push %.1f s (%.0f MiB/s), pull %.1f s (%.0f MiB/s); used heap %d → %d → %d MiB%n",
          pushSeconds,
          2048 / pushSeconds,
          pullSeconds,
          2048 / pullSeconds,
          heapBefore >> 20,
          heapDuringPush >> 20,
          heapAfter >> 20);
      assertTrue(
          heapAfter - heapBefore < 256L << 20,
          "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MiB");
    }
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static byte[] hash(InputStream in) throws Exception {
    MessageDigest sha = Digest.newSha256();
    byte[] buffer = new byte[1 << 20];
    for (int n; (n = in.read(buffer)) > 0; ) {
      sha.update(buffer, 0, n);
    }
    return sha.digest();
  }

  /** A deterministic, cheap byte stream: a 1 MiB random block repeated, each copy numbered. */
  private static final class Generated extends InputStream {
    private static final byte[] BLOCK = new byte[1 << 20];

    static {
      new java.util.Random(2).nextBytes(BLOCK);
    }

    private final long size;
    private long position;

    Generated(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int inBlock = (int) (position % BLOCK.length);
      int n = (int) Math.min(Math.min(len, BLOCK.length - inBlock), size - position);
      System.arraycopy(BLOCK, inBlock, b, off, n);
      if (inBlock == 0 && n >= 8) { // number each copy so that no two MiB are equal
        long block = position / BLOCK.length;
        for (int i = 0; i < 8; i++) {
          b[off + i] = (byte) (block >>> (8 * i));
        }
      }
      position += n;
      return n;
    }
  }
}

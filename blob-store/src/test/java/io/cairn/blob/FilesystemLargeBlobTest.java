package io.cairn.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob larger than the test JVM's heap (surefire runs with {@code -Xmx1g}) goes through an upload
 * session and back, so any code path that buffered a whole blob would fail here.
 */
class FilesystemLargeBlobTest {

  private static final long SIZE = 2L << 30;
  private static final int CHUNK = 8 << 20;
  private static final double MIB = 1 << 20;

  @TempDir Path root;

  /** Live heap after a full collection, sampled while the blob streams; the highest wins. */
  private long peakLiveHeap;

  @Test
  void aBlobLargerThanTheHeapStreamsThroughWithConstantMemory() throws IOException {
    assumeTrue(SIZE > Runtime.getRuntime().maxMemory(), "only a small heap proves the point");
    FilesystemBlobStore store = new FilesystemBlobStore(root);
    long heapBefore = liveHeap();

    long start = System.nanoTime();
    UploadSession session = store.uploads().create("library/large");
    String digest = upload(session);
    long uploaded = System.nanoTime();
    assertEquals(SIZE, session.commit(digest));
    long committed = System.nanoTime();
    try (InputStream in = store.open(digest, 0)) {
      assertEquals(digest, sha256Of(in));
    }
    long readBack = System.nanoTime();
    long heapAfter = liveHeap();

    System.out.printf(
        "2 GiB: append+hash %.0f MiB/s, commit %.0f MiB/s, hashing read %.0f MiB/s;"
            + " live heap %.1f MiB before, %.1f MiB peak, %.1f MiB after%n",
        SIZE / MIB / seconds(start, uploaded),
        SIZE / MIB / seconds(uploaded, committed),
        SIZE / MIB / seconds(committed, readBack),
        heapBefore / MIB,
        peakLiveHeap / MIB,
        heapAfter / MIB);
    assertEquals(OptionalLong.of(SIZE), store.size(digest));
    assertTrue(peakLiveHeap - heapBefore < 64 << 20, "heap grew with the blob");
  }

  /** Appends the pattern in chunks, hashing it on the way, and returns its digest. */
  private String upload(UploadSession session) throws IOException {
    MessageDigest expected = sha256();
    byte[] chunk = new byte[CHUNK];
    try (InputStream in = new PatternStream(SIZE, 42)) {
      for (long chunks = 1; ; chunks++) {
        int n = in.readNBytes(chunk, 0, chunk.length);
        if (n == 0) {
          break;
        }
        expected.update(chunk, 0, n);
        session.append(ByteBuffer.wrap(chunk, 0, n));
        if (chunks % 64 == 0) {
          peakLiveHeap = Math.max(peakLiveHeap, liveHeap());
        }
      }
    }
    return "sha256:" + HexFormat.of().formatHex(expected.digest());
  }

  private static String sha256Of(InputStream in) throws IOException {
    MessageDigest hasher = sha256();
    byte[] buffer = new byte[1 << 20];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      hasher.update(buffer, 0, n);
    }
    return "sha256:" + HexFormat.of().formatHex(hasher.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static long liveHeap() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}

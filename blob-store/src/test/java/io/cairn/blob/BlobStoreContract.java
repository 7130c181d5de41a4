package io.cairn.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link BlobStore} keeps: blobs here, upload sessions inherited from {@link
 * UploadSessionsContract}. An adapter's test extends this class, supplies {@link #newStore} and,
 * when the store is durable, overrides {@link #reopen} to start a new instance on the same data.
 */
public abstract class BlobStoreContract extends UploadSessionsContract {

  private static final String HELLO = "hello, blob";

  @Test
  void putThenOpenGivesTheBytesBack() throws IOException {
    byte[] content = bytes(HELLO);

    assertEquals(content.length, store.put(sha256(content), new ByteArrayInputStream(content)));

    assertEquals(OptionalLong.of(content.length), store.size(sha256(content)));
    assertArrayEquals(content, read(sha256(content), 0));
  }

  @Test
  void sizeOfAbsentBlobIsEmpty() throws IOException {
    assertEquals(OptionalLong.empty(), store.size(sha256(bytes("absent"))));
  }

  @Test
  void openFromOffsetSkipsTheFirstBytes() throws IOException {
    byte[] content = bytes(HELLO);
    String digest = put(content);

    assertArrayEquals(bytes("lo, blob"), read(digest, 3));
    assertArrayEquals(new byte[0], read(digest, content.length));
  }

  @Test
  void openOutsideTheBlobIsRejected() throws IOException {
    byte[] content = bytes(HELLO);
    String digest = put(content);

    assertThrows(IllegalArgumentException.class, () -> store.open(digest, -1));
    assertThrows(IllegalArgumentException.class, () -> store.open(digest, content.length + 1));
  }

  @Test
  void openOfAbsentBlobThrowsNotFound() {
    assertThrows(BlobNotFoundException.class, () -> store.open(sha256(bytes("absent")), 0));
  }

  @Test
  void putOfBytesNotMatchingTheDigestStoresNothing() throws IOException {
    String digest = sha256(bytes(HELLO));

    assertThrows(
        DigestMismatchException.class,
        () -> store.put(digest, new ByteArrayInputStream(bytes("something else"))));

    assertEquals(OptionalLong.empty(), store.size(digest));
    assertThrows(BlobNotFoundException.class, () -> store.open(digest, 0));
  }

  @Test
  void puttingTheSameBlobAgainKeepsOneIntactCopy() throws IOException {
    byte[] content = bytes(HELLO);
    String digest = put(content);

    assertEquals(content.length, store.put(digest, new ByteArrayInputStream(content)));
    assertThrows(
        DigestMismatchException.class,
        () -> store.put(digest, new ByteArrayInputStream(bytes("forged"))));

    assertArrayEquals(content, read(digest, 0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256:",
        "sha256",
        "sha256:abc",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "sha256:../../../../../../etc/passwd0000000000000000000000000000000000",
        "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        " sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
      })
  void malformedDigestsAreRejected(String digest) {
    assertThrows(IllegalArgumentException.class, () -> store.size(digest));
    assertThrows(IllegalArgumentException.class, () -> store.open(digest, 0));
    assertThrows(
        IllegalArgumentException.class, () -> store.put(digest, InputStream.nullInputStream()));
    assertThrows(IllegalArgumentException.class, () -> store.delete(digest));
  }

  @Test
  void sha512DigestsWork() throws IOException {
    byte[] content = bytes(HELLO);
    String digest = sha512(content);

    assertEquals(content.length, store.put(digest, new ByteArrayInputStream(content)));

    assertArrayEquals(content, read(digest, 0));
    assertEquals(OptionalLong.empty(), store.size(sha256(content)));
  }

  @Test
  void theEmptyBlobIsABlob() throws IOException {
    assertEquals(0, store.put(EMPTY_SHA256, InputStream.nullInputStream()));

    assertEquals(OptionalLong.of(0), store.size(EMPTY_SHA256));
    assertArrayEquals(new byte[0], read(EMPTY_SHA256, 0));
  }

  @Test
  void deleteRemovesTheBlobOnce() throws IOException {
    String digest = put(bytes(HELLO));

    assertTrue(store.delete(digest));
    assertFalse(store.delete(digest));

    assertEquals(OptionalLong.empty(), store.size(digest));
  }

  @Test
  void concurrentPutsOfOneBlobAllSucceed() throws Exception {
    byte[] content = randomBytes(1 << 20, 1);
    String digest = sha256(content);
    CountDownLatch start = new CountDownLatch(1);

    List<Future<Long>> results =
        submitEight(
            () -> {
              start.await();
              return store.put(digest, new ByteArrayInputStream(content));
            });
    start.countDown();

    for (Future<Long> result : results) {
      assertEquals(content.length, result.get(30, TimeUnit.SECONDS));
    }
    assertArrayEquals(content, read(digest, 0));
  }

  @Test
  void concurrentPutsOfDifferentBlobsAllLand() throws Exception {
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      contents.add(randomBytes(10_000 + i, i));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (byte[] content : contents) {
      results.add(
          threads.submit(
              () -> {
                start.await();
                return store.put(sha256(content), new ByteArrayInputStream(content));
              }));
    }
    start.countDown();

    for (Future<Long> result : results) {
      result.get(30, TimeUnit.SECONDS);
    }
    for (byte[] content : contents) {
      assertArrayEquals(content, read(sha256(content), 0));
    }
  }

  private List<Future<Long>> submitEight(Callable<Long> task) {
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      futures.add(threads.submit(task));
    }
    return futures;
  }
}

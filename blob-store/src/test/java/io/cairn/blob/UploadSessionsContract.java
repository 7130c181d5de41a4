package io.cairn.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link BlobStore#uploads()}, and the fixtures of the whole contract. Extend
 * {@link BlobStoreContract}, which inherits these tests, rather than this class.
 */
public abstract class UploadSessionsContract {
  /** The repository the sessions of these tests upload into. */
  protected static final String OWNER = "library/contract";

  protected static final String EMPTY_SHA256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** The stores' clock; tests move it to age sessions. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  protected BlobStore store;

  /** A new, empty store whose sessions expire by {@code clock}. */
  protected abstract BlobStore newStore(Clock clock) throws IOException;

  /**
   * The store as a restarted process would see it. Durable stores return a new instance on the same
   * data; the default, for stores that live in memory, returns {@code store} itself.
   */
  protected BlobStore reopen(BlobStore store, Clock clock) throws IOException {
    return store;
  }

  /** Eight threads for the concurrency tests. */
  protected ExecutorService threads;

  @BeforeEach
  void createStore() throws IOException {
    store = newStore(clock);
    threads = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void chunksAppendedThenCommittedBecomeTheBlob() throws IOException {
    UploadSession session = store.uploads().create(OWNER);
    session.append(ByteBuffer.wrap(bytes("hello, ")));
    session.append(ByteBuffer.wrap(bytes("chunked ")));
    assertEquals(15, session.size());
    session.append(ByteBuffer.wrap(bytes("world")));

    assertEquals(20, session.commit(sha256(bytes("hello, chunked world"))));

    assertArrayEquals(bytes("hello, chunked world"), read(sha256(bytes("hello, chunked world"))));
    assertEquals(Optional.empty(), store.uploads().find(OWNER, session.id()));
  }

  @Test
  void anEmptySessionCommitsTheEmptyBlob() throws IOException {
    assertEquals(0, store.uploads().create(OWNER).commit(EMPTY_SHA256));

    assertEquals(OptionalLong.of(0), store.size(EMPTY_SHA256));
  }

  @Test
  void commitOfAnExistingBlobKeepsIt() throws IOException {
    byte[] content = bytes("twice");
    store.put(sha256(content), new ByteArrayInputStream(content));
    UploadSession session = store.uploads().create(OWNER);
    session.append(ByteBuffer.wrap(content));

    assertEquals(content.length, session.commit(sha256(content)));

    assertArrayEquals(content, read(sha256(content)));
  }

  @Test
  void commitUnderTheWrongDigestPublishesNothingAndEndsTheSession() throws IOException {
    UploadSession session = store.uploads().create(OWNER);
    session.append(ByteBuffer.wrap(bytes("actual")));
    String claimed = sha256(bytes("claimed"));

    assertThrows(DigestMismatchException.class, () -> session.commit(claimed));

    assertEquals(OptionalLong.empty(), store.size(claimed));
    assertEquals(OptionalLong.empty(), store.size(sha256(bytes("actual"))));
    assertEquals(Optional.empty(), store.uploads().find(OWNER, session.id()));
    assertThrows(UploadClosedException.class, session::size);
  }

  @Test
  void commitUnderAMalformedDigestLeavesTheSessionOpen() throws IOException {
    UploadSession session = store.uploads().create(OWNER);
    session.append(ByteBuffer.wrap(bytes("kept")));

    assertThrows(IllegalArgumentException.class, () -> session.commit("sha256:nope"));

    assertEquals(4, session.commit(sha256(bytes("kept"))));
  }

  @Test
  void cancelDiscardsTheBytes() throws IOException {
    UploadSession session = store.uploads().create(OWNER);
    session.append(ByteBuffer.wrap(bytes("unwanted")));

    session.cancel();

    assertEquals(Optional.empty(), store.uploads().find(OWNER, session.id()));
    assertEquals(OptionalLong.empty(), store.size(sha256(bytes("unwanted"))));
  }

  @Test
  void everyCallOnAFinishedSessionFails() throws IOException {
    UploadSession committed = store.uploads().create(OWNER);
    committed.commit(EMPTY_SHA256);
    UploadSession cancelled = store.uploads().create(OWNER);
    cancelled.cancel();

    for (UploadSession session : new UploadSession[] {committed, cancelled}) {
      assertThrows(UploadClosedException.class, session::size);
      assertThrows(UploadClosedException.class, () -> session.append(ByteBuffer.allocate(1)));
      assertThrows(UploadClosedException.class, () -> session.commit(EMPTY_SHA256));
      assertThrows(UploadClosedException.class, session::cancel);
    }
  }

  @Test
  void findGivesTheOpenSession() throws IOException {
    UploadSession created = store.uploads().create(OWNER);
    created.append(ByteBuffer.wrap(bytes("abc")));

    UploadSession found = store.uploads().find(OWNER, created.id()).orElseThrow();
    found.append(ByteBuffer.wrap(bytes("def")));

    assertEquals(created.id(), found.id());
    assertEquals(6, created.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "../x", "a/b", "/etc", "x", "data", "tmp/../uploads"})
  void findOfAMalformedIdIsEmpty(String id) throws IOException {
    store.uploads().create(OWNER);

    assertEquals(Optional.empty(), store.uploads().find(OWNER, id));
  }

  @Test
  void findOfAnUnknownIdIsEmpty() throws IOException {
    String id = store.uploads().create(OWNER).id();

    assertEquals(Optional.empty(), store.uploads().find(OWNER, UUID.randomUUID().toString()));
    assertEquals(Optional.empty(), store.uploads().find(OWNER, id.toUpperCase(Locale.ROOT)));
    assertEquals(Optional.empty(), store.uploads().find(OWNER, null));
  }

  @Test
  void aSessionIsFoundOnlyByItsOwner() throws IOException {
    UploadSession session = store.uploads().create(OWNER);
    session.append(ByteBuffer.wrap(bytes("mine")));

    assertEquals(Optional.empty(), store.uploads().find("library/other", session.id()));
    assertEquals(Optional.empty(), store.uploads().find(OWNER + "/deeper", session.id()));
    assertEquals(4, store.uploads().find(OWNER, session.id()).orElseThrow().size());
  }

  @Test
  void theOwnerSurvivesARestart() throws IOException {
    String id = store.uploads().create(OWNER).id();

    store = reopen(store, clock);

    assertEquals(Optional.empty(), store.uploads().find("library/other", id));
    assertTrue(store.uploads().find(OWNER, id).isPresent());
  }

  @Test
  void aSessionResumesAfterARestart() throws IOException {
    byte[] content = randomBytes(300_000, 7);
    UploadSession before = store.uploads().create(OWNER);
    before.append(ByteBuffer.wrap(content, 0, 100_000));

    store = reopen(store, clock);
    UploadSession after = store.uploads().find(OWNER, before.id()).orElseThrow();
    assertEquals(100_000, after.size());
    after.append(ByteBuffer.wrap(content, 100_000, 200_000));

    assertEquals(content.length, after.commit(sha256(content)));
    assertArrayEquals(content, read(sha256(content)));
  }

  @Test
  void expireRemovesOnlySessionsIdleTooLong() throws IOException {
    UploadSession idle = store.uploads().create(OWNER);
    idle.append(ByteBuffer.wrap(bytes("old")));
    clock.advance(Duration.ofMinutes(30));
    UploadSession busy = store.uploads().create(OWNER);
    clock.advance(Duration.ofMinutes(20));
    busy.append(ByteBuffer.wrap(bytes("recent")));
    clock.advance(Duration.ofMinutes(15));

    assertEquals(1, store.uploads().expire(Duration.ofHours(1)));

    assertEquals(Optional.empty(), store.uploads().find(OWNER, idle.id()));
    assertThrows(UploadClosedException.class, () -> idle.append(ByteBuffer.wrap(bytes("late"))));
    assertEquals(6, store.uploads().find(OWNER, busy.id()).orElseThrow().size());
    assertEquals(0, store.uploads().expire(Duration.ofHours(1)));
  }

  @Test
  void expiryCountsFromTheLastWriteAcrossARestart() throws IOException {
    UploadSession session = store.uploads().create(OWNER);
    clock.advance(Duration.ofMinutes(50));
    session.append(ByteBuffer.wrap(bytes("still here")));
    clock.advance(Duration.ofMinutes(50));

    store = reopen(store, clock);

    assertEquals(0, store.uploads().expire(Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(11));
    assertEquals(1, store.uploads().expire(Duration.ofHours(1)));
    assertEquals(Optional.empty(), store.uploads().find(OWNER, session.id()));
  }

  @Test
  void concurrentAppendsToOneSessionAreAllKept() throws Exception {
    UploadSession session = store.uploads().create(OWNER);
    List<Future<Void>> writers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      UploadSession handle = store.uploads().find(OWNER, session.id()).orElseThrow();
      writers.add(
          threads.submit(
              () -> {
                for (int chunk = 0; chunk < 50; chunk++) {
                  handle.append(ByteBuffer.allocate(1000));
                }
                return null;
              }));
    }
    for (Future<Void> writer : writers) {
      writer.get(30, TimeUnit.SECONDS);
    }

    assertEquals(4 * 50 * 1000, session.size());
  }

  // Fixtures for this contract, the blob contract and the adapters' own tests.

  protected final String put(byte[] content) throws IOException {
    String digest = sha256(content);
    store.put(digest, new ByteArrayInputStream(content));
    return digest;
  }

  protected final byte[] read(String digest) throws IOException {
    return read(digest, 0);
  }

  protected final byte[] read(String digest, long offset) throws IOException {
    try (InputStream in = store.open(digest, offset)) {
      return in.readAllBytes();
    }
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected static String sha256(byte[] content) {
    return "sha256:" + hash("SHA-256", content);
  }

  protected static String sha512(byte[] content) {
    return "sha512:" + hash("SHA-512", content);
  }

  private static String hash(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

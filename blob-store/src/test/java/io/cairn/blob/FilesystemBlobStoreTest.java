package io.cairn.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest extends BlobStoreContract {

  @TempDir Path root;

  @Override
  protected BlobStore newStore(Clock clock) throws IOException {
    return new FilesystemBlobStore(root, clock);
  }

  @Override
  protected BlobStore reopen(BlobStore store, Clock clock) throws IOException {
    return new FilesystemBlobStore(root, clock);
  }

  @Test
  void blobsAndSessionsLieWhereTheLayoutSays() throws IOException {
    String sha256 = put(bytes("layout"));
    String sha512 = sha512(bytes("layout"));
    store.put(sha512, new ByteArrayInputStream(bytes("layout")));
    UploadSession session = store.uploads().create(OWNER);

    assertEquals(Optional.of(blobPath(sha256)), ((FileBacked) store).fileOf(sha256));
    assertTrue(Files.isRegularFile(blobPath(sha256)));
    assertTrue(Files.isRegularFile(blobPath(sha512)));
    assertTrue(Files.isRegularFile(root.resolve("uploads").resolve(session.id()).resolve("data")));
  }

  @Test
  void fileOfAnAbsentBlobIsEmpty() {
    assertEquals(Optional.empty(), ((FileBacked) store).fileOf(sha256(bytes("absent"))));
  }

  @Test
  void publishingLeavesNoTemporaryFilesBehind() throws IOException {
    byte[] content = bytes("atomic");
    put(content);
    put(content);
    assertThrows(
        DigestMismatchException.class,
        () -> store.put(sha256(bytes("other")), new ByteArrayInputStream(content)));
    UploadSession committed = store.uploads().create(OWNER);
    committed.append(ByteBuffer.wrap(content));
    committed.commit(sha256(content));
    UploadSession mismatched = store.uploads().create(OWNER);
    mismatched.append(ByteBuffer.wrap(content));
    assertThrows(DigestMismatchException.class, () -> mismatched.commit(EMPTY_SHA256));

    assertEquals(List.of(), list(root.resolve("tmp")));
    assertEquals(List.of(), list(root.resolve("uploads")));
    assertEquals(List.of(blobPath(sha256(content))), list(blobPath(sha256(content)).getParent()));
  }

  @Test
  void findGivesTheSameObjectWithinOneStore() throws IOException {
    UploadSession created = store.uploads().create(OWNER);

    assertSame(created, store.uploads().find(OWNER, created.id()).orElseThrow());
  }

  @Test
  void aSessionEndedByAnotherStoreIsClosedHere() throws IOException {
    UploadSession here = store.uploads().create(OWNER);

    reopen(store, clock).uploads().find(OWNER, here.id()).orElseThrow().cancel();

    assertThrows(UploadClosedException.class, () -> here.append(ByteBuffer.wrap(bytes("x"))));
    assertEquals(Optional.empty(), store.uploads().find(OWNER, here.id()));
  }

  @Test
  void aSessionDirectoryWithoutDataIsCrashDebris() throws IOException {
    Path debris = Files.createDirectories(root.resolve("uploads").resolve(uuid()));

    assertEquals(Optional.empty(), store.uploads().find(OWNER, debris.getFileName().toString()));
    assertEquals(1, store.uploads().expire(Duration.ofDays(365)));

    assertFalse(Files.exists(debris));
  }

  @Test
  void expireSweepsTemporaryFilesLeftByACrash() throws IOException {
    Path stale = Files.createFile(root.resolve("tmp").resolve("put-1.part"));
    Files.setLastModifiedTime(stale, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
    Path fresh = Files.createFile(root.resolve("tmp").resolve("put-2.part"));
    Files.setLastModifiedTime(fresh, FileTime.from(clock.instant()));

    store.uploads().expire(Duration.ofHours(1));

    assertEquals(List.of(fresh), list(root.resolve("tmp")));
  }

  @Test
  void foreignEntriesUnderUploadsAreLeftAlone() throws IOException {
    Path foreign = Files.createDirectories(root.resolve("uploads").resolve("lost+found"));

    assertEquals(0, store.uploads().expire(Duration.ZERO));

    assertTrue(Files.isDirectory(foreign));
  }

  private Path blobPath(String digest) {
    String[] parts = digest.split(":");
    return root.resolve(parts[0]).resolve(parts[1].substring(0, 2)).resolve(parts[1]);
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().collect(Collectors.toList());
    }
  }
}

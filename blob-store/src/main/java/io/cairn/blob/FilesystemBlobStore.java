package io.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A {@link BlobStore} on a local filesystem, one plain file per blob. The layout under the root
 * directory (the registry's {@code DATA/blobs}):
 *
 * <pre>
 * root/
 * ├── sha256/
 * │   └── e3/                         first two hex digits, so no directory grows too large
 * │       └── e3b0c442…7852b855       one blob, named by its digest; immutable once published
 * ├── sha512/
 * │   └── cf/
 * │       └── cf83e135…a538327af927da3e
 * ├── uploads/
 * │   └── 1b4e28ba-2fa1-11d2-883f-0016d3cca427/   one session, named by its random UUID
 * │       └── data                    bytes received so far; mtime = last append, by the clock
 * └── tmp/
 *     └── put-7f0c….part              a put in flight, or a crash leftover that expire() removes
 * </pre>
 *
 * <p>A blob appears by rename only: its bytes are written and fsynced under another name on the
 * same filesystem, moved atomically onto the blob's name, and the directory is fsynced. Readers
 * therefore see a blob whole or not at all, and a crash leaves at most a stray file under {@code
 * tmp/} or a session that can still be committed.
 *
 * <p>Thread-safe. Calls on one upload session are serialised within one store instance; several
 * instances may share a root for blobs, but a session must be served by one instance at a time.
 */
public final class FilesystemBlobStore implements BlobStore, FileBacked {

  private final Path root;
  private final Path tmp;
  private final Clock clock;
  private final FilesystemUploads uploads;

  /** A store on {@code root} whose sessions expire by the system clock. */
  public FilesystemBlobStore(Path root) throws IOException {
    this(root, Clock.systemUTC());
  }

  /**
   * A store on {@code root}, creating the directories it needs. Sessions left by an earlier store
   * on the same root are found again.
   *
   * @param clock the time of session writes and of expiry; it should follow the filesystem's time,
   *     which stamps the files under {@code tmp/}
   */
  public FilesystemBlobStore(Path root, Clock clock) throws IOException {
    this.root = root;
    this.clock = clock;
    Files.createDirectories(root.resolve("sha256"));
    Files.createDirectories(root.resolve("sha512"));
    this.tmp = Files.createDirectories(root.resolve("tmp"));
    this.uploads = new FilesystemUploads(this, Files.createDirectories(root.resolve("uploads")));
  }

  @Override
  public OptionalLong size(String digest) throws IOException {
    try {
      return OptionalLong.of(Files.size(pathOf(Digest.parse(digest))));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public InputStream open(String digest, long offset) throws IOException {
    Digest parsed = Digest.parse(digest);
    FileChannel channel;
    try {
      channel = FileChannel.open(pathOf(parsed), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(parsed + " is not stored");
    }
    try {
      if (offset < 0 || offset > channel.size()) {
        throw new IllegalArgumentException(
            "offset " + offset + " is outside " + parsed + " of " + channel.size() + " bytes");
      }
      return Channels.newInputStream(channel.position(offset));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public long put(String digest, InputStream content) throws IOException {
    Digest parsed = Digest.parse(digest);
    // Not createTempFile: its owner-only permissions would carry over to the published blob.
    Path temp = Files.createFile(tmp.resolve("put-" + UUID.randomUUID() + ".part"));
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(temp)) {
        size = parsed.copyVerified(content, out);
      }
      publish(temp, parsed);
      return size;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public boolean delete(String digest) throws IOException {
    return Files.deleteIfExists(pathOf(Digest.parse(digest)));
  }

  @Override
  public UploadSessions uploads() {
    return uploads;
  }

  @Override
  public Optional<Path> fileOf(String digest) {
    Path path = pathOf(Digest.parse(digest));
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  Clock clock() {
    return clock;
  }

  /**
   * Makes {@code file}, whose bytes are verified against {@code digest}, the blob's file by an
   * atomic rename. When the blob is already present the file is deleted instead: equal digests mean
   * equal bytes. A concurrent publish of the same digest may replace the file by an identical one,
   * which readers holding the old file cannot notice.
   */
  void publish(Path file, Digest digest) throws IOException {
    Path target = pathOf(digest);
    if (Files.exists(target)) {
      Files.delete(file);
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Path shard = target.getParent();
    if (!Files.isDirectory(shard)) {
      Files.createDirectories(shard);
      syncDirectory(shard.getParent());
    }
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.delete(file); // platforms whose rename does not replace: the other copy is equal
      return;
    }
    syncDirectory(shard);
  }

  /**
   * Removes files under {@code tmp/} last written before {@code cutoff}: puts that a crash
   * interrupted. A put still streaming rewrites its file's time on every write.
   */
  void sweepTemporaryFiles(Instant cutoff) throws IOException {
    try (var files = Files.newDirectoryStream(tmp)) {
      for (Path file : files) {
        try {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException e) {
          // finished between listing and checking: nothing left to sweep
        }
      }
    }
  }

  /**
   * Makes a directory's new or renamed entries durable. Best-effort: some platforms cannot open a
   * directory for syncing, and there the rename is still atomic, only perhaps not yet durable.
   */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // refused by the platform (Windows): see above
    }
  }

  private Path pathOf(Digest digest) {
    return root.resolve(digest.algorithm())
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex());
  }
}

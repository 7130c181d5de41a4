package io.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * One upload session on disk: {@code <id>/data} holds the bytes, its modification time the last
 * append; {@code <id>/owner} names what the session belongs to. Calls made through this object are
 * serialised by its monitor. The digest is computed from the file at commit because a hasher cannot
 * outlive the process, and a resumed session must commit exactly like one that never left memory.
 */
final class FilesystemUploadSession implements UploadSession {

  private final String id;
  private final Path dir;
  private final Path data;
  private final Path ownerFile;
  private final FilesystemUploads uploads;

  /** Read from disk on first use: a session found after a restart starts without it. */
  private String owner;

  /** Set once the session is committed, cancelled, expired or found missing; never cleared. */
  private boolean closed;

  FilesystemUploadSession(String id, Path dir, FilesystemUploads uploads) {
    this.id = id;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.ownerFile = dir.resolve("owner");
    this.uploads = uploads;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized long size() throws IOException {
    ensureOpen();
    try {
      return Files.size(data);
    } catch (NoSuchFileException e) {
      throw vanished();
    }
  }

  @Override
  public synchronized void append(ByteBuffer bytes) throws IOException {
    ensureOpen();
    try (FileChannel channel =
        FileChannel.open(data, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      // No fsync per chunk: a process restart keeps the page cache, and after a machine crash the
      // client learns from GET <location> how much survived and resumes (end-13); a torn tail can
      // never be published, because commit re-hashes every byte. Commit fsyncs before its 201.
    } catch (NoSuchFileException e) {
      throw vanished();
    }
    touch();
  }

  @Override
  public synchronized long commit(String digest) throws IOException {
    Digest parsed = Digest.parse(digest);
    ensureOpen();
    long size;
    try (InputStream in = Files.newInputStream(data)) {
      size = parsed.copyVerified(in, OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      throw vanished();
    } catch (DigestMismatchException e) {
      discard();
      throw e;
    }
    uploads.store().publish(data, parsed);
    discard();
    return size;
  }

  @Override
  public synchronized void cancel() throws IOException {
    ensureOpen();
    discard();
  }

  /**
   * Creates the empty session on disk; the owner is written before the data file, which is what
   * makes a session exist, so no visible session lacks one.
   */
  synchronized void start(String owner) throws IOException {
    Files.createDirectory(dir);
    Files.writeString(ownerFile, owner, StandardCharsets.UTF_8);
    this.owner = owner;
    Files.createFile(data);
    touch();
  }

  synchronized boolean isOwnedBy(String candidate) throws IOException {
    if (owner == null) {
      try {
        owner = Files.readString(ownerFile, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return false; // debris of a crash between directory and owner: nobody's to resume
      }
    }
    return owner.equals(candidate);
  }

  /** Whether the session is open, as far as this object and the disk can tell. */
  synchronized boolean isOpen() {
    if (!closed && !Files.isRegularFile(data)) {
      closed = true; // removed by another store on this root, or a commit cut short by a crash
    }
    return !closed;
  }

  /** Discards the session if it was last written before {@code cutoff}; returns whether it did. */
  synchronized boolean expireIfIdleSince(Instant cutoff) throws IOException {
    if (closed || !lastWrite().isBefore(cutoff)) {
      return false;
    }
    discard();
    return true;
  }

  private Instant lastWrite() throws IOException {
    try {
      return Files.getLastModifiedTime(data).toInstant();
    } catch (NoSuchFileException e) {
      return Instant.MIN; // a session without data is debris of a crash: expire it first
    }
  }

  /** Stamps the last write with the store's clock, which expiry compares against. */
  private void touch() throws IOException {
    Files.setLastModifiedTime(data, FileTime.from(uploads.store().clock().instant()));
  }

  private void discard() throws IOException {
    try {
      Files.deleteIfExists(data);
      Files.deleteIfExists(ownerFile);
      Files.deleteIfExists(dir);
    } finally {
      closed = true;
      uploads.forget(this);
    }
  }

  private void ensureOpen() throws UploadClosedException {
    if (closed) {
      throw new UploadClosedException("upload " + id + " is closed");
    }
  }

  private UploadClosedException vanished() {
    closed = true;
    uploads.forget(this);
    return new UploadClosedException("upload " + id + " no longer exists");
  }
}

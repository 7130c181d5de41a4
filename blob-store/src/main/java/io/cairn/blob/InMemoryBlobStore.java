package io.cairn.blob;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BlobStore} held in memory, with the same semantics as {@link FilesystemBlobStore} but no
 * durability: blobs and sessions live as long as this object. Meant for tests of the code above the
 * port. Sessions expire by the given clock. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore {

  /** Blob bytes by canonical digest; arrays are never mutated once stored. */
  private final ConcurrentMap<String, byte[]> blobs = new ConcurrentHashMap<>();

  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final UploadSessions uploads = new Uploads();

  /** A store whose sessions expire by the system clock. */
  public InMemoryBlobStore() {
    this(Clock.systemUTC());
  }

  public InMemoryBlobStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public OptionalLong size(String digest) {
    byte[] blob = blobs.get(Digest.parse(digest).toString());
    return blob == null ? OptionalLong.empty() : OptionalLong.of(blob.length);
  }

  @Override
  public InputStream open(String digest, long offset) throws IOException {
    Digest parsed = Digest.parse(digest);
    byte[] blob = blobs.get(parsed.toString());
    if (blob == null) {
      throw new BlobNotFoundException(parsed + " is not stored");
    }
    if (offset < 0 || offset > blob.length) {
      throw new IllegalArgumentException(
          "offset " + offset + " is outside " + parsed + " of " + blob.length + " bytes");
    }
    return new ByteArrayInputStream(blob, (int) offset, blob.length - (int) offset);
  }

  @Override
  public long put(String digest, InputStream content) throws IOException {
    Digest parsed = Digest.parse(digest);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long size = parsed.copyVerified(content, bytes);
    blobs.putIfAbsent(parsed.toString(), bytes.toByteArray());
    return size;
  }

  @Override
  public boolean delete(String digest) {
    return blobs.remove(Digest.parse(digest).toString()) != null;
  }

  @Override
  public UploadSessions uploads() {
    return uploads;
  }

  private final class Uploads implements UploadSessions {

    @Override
    public UploadSession create(String owner) {
      Session session = new Session(UUID.randomUUID().toString(), Objects.requireNonNull(owner));
      sessions.put(session.id, session);
      return session;
    }

    @Override
    public Optional<UploadSession> find(String owner, String id) {
      return Optional.ofNullable(id == null ? null : sessions.get(id))
          .filter(session -> session.owner.equals(owner))
          .map(UploadSession.class::cast);
    }

    @Override
    public int expire(Duration maxIdle) {
      Instant cutoff = clock.instant().minus(maxIdle);
      int removed = 0;
      for (Session session : sessions.values()) {
        if (session.expireIfIdleSince(cutoff)) {
          removed++;
        }
      }
      return removed;
    }
  }

  /** One session; its monitor serialises calls, and it is in {@link #sessions} while open. */
  private final class Session implements UploadSession {
    private final String id;
    private final String owner;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Instant lastWrite = clock.instant();
    private boolean closed;

    Session(String id, String owner) {
      this.id = id;
      this.owner = owner;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public synchronized long size() throws IOException {
      ensureOpen();
      return received.size();
    }

    @Override
    public synchronized void append(ByteBuffer bytes) throws IOException {
      ensureOpen();
      byte[] chunk = new byte[bytes.remaining()];
      bytes.get(chunk);
      received.writeBytes(chunk);
      lastWrite = clock.instant();
    }

    @Override
    public synchronized long commit(String digest) throws IOException {
      Digest parsed = Digest.parse(digest);
      ensureOpen();
      byte[] blob = received.toByteArray();
      try {
        parsed.copyVerified(new ByteArrayInputStream(blob), OutputStream.nullOutputStream());
      } finally {
        close(); // whether published or mismatched, the session is over
      }
      blobs.putIfAbsent(parsed.toString(), blob);
      return blob.length;
    }

    @Override
    public synchronized void cancel() throws IOException {
      ensureOpen();
      close();
    }

    synchronized boolean expireIfIdleSince(Instant cutoff) {
      if (closed || !lastWrite.isBefore(cutoff)) {
        return false;
      }
      close();
      return true;
    }

    private void close() {
      closed = true;
      sessions.remove(id, this);
    }

    private void ensureOpen() throws UploadClosedException {
      if (closed) {
        throw new UploadClosedException("upload " + id + " is closed");
      }
    }
  }
}

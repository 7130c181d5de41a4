package io.cairn.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The upload sessions of a {@link FilesystemBlobStore}, one directory each under {@code uploads/}.
 * Everything about a session lives on disk, so a new store on the same root resumes it.
 */
final class FilesystemUploads implements UploadSessions {

  /** The form of {@link UUID#toString()}: the only names that ever reach the filesystem. */
  private static final Pattern SESSION_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final FilesystemBlobStore store;
  private final Path dir;

  /**
   * At most one object per session id in this instance, so that its monitor serialises every call
   * on that session. Closed sessions are removed.
   */
  private final ConcurrentMap<String, FilesystemUploadSession> live = new ConcurrentHashMap<>();

  FilesystemUploads(FilesystemBlobStore store, Path dir) {
    this.store = store;
    this.dir = dir;
  }

  @Override
  public UploadSession create(String owner) throws IOException {
    Objects.requireNonNull(owner);
    String id = UUID.randomUUID().toString();
    FilesystemUploadSession session = new FilesystemUploadSession(id, dir.resolve(id), this);
    session.start(owner); // not fsynced: a session lost to a crash is restarted by the client
    live.put(id, session);
    return session;
  }

  @Override
  public Optional<UploadSession> find(String owner, String id) throws IOException {
    if (id == null || !SESSION_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    FilesystemUploadSession session = sessionFor(id);
    if (!session.isOpen()) {
      forget(session);
      return Optional.empty();
    }
    return session.isOwnedBy(owner) ? Optional.of(session) : Optional.empty();
  }

  @Override
  public int expire(Duration maxIdle) throws IOException {
    Instant cutoff = store.clock().instant().minus(maxIdle);
    int removed = 0;
    for (String id : sessionIds()) {
      if (sessionFor(id).expireIfIdleSince(cutoff)) {
        removed++;
      }
    }
    store.sweepTemporaryFiles(cutoff);
    return removed;
  }

  FilesystemBlobStore store() {
    return store;
  }

  /** Drops a closed session, so that the map only holds sessions that may still be open. */
  void forget(FilesystemUploadSession session) {
    live.remove(session.id(), session);
  }

  private FilesystemUploadSession sessionFor(String id) {
    return live.computeIfAbsent(
        id, key -> new FilesystemUploadSession(key, dir.resolve(key), this));
  }

  private List<String> sessionIds() throws IOException {
    List<String> ids = new ArrayList<>();
    try (var dirs = Files.newDirectoryStream(dir)) {
      for (Path path : dirs) {
        String name = path.getFileName().toString();
        if (SESSION_ID.matcher(name).matches()) {
          ids.add(name);
        }
      }
    }
    return ids;
  }
}

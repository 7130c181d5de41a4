package io.cairn.blob;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The open upload sessions of a blob store. A session survives a restart of the process when the
 * store is durable (the filesystem store keeps them on disk). Thread-safe.
 */
public interface UploadSessions {

  /**
   * Starts an empty session with a new, unguessable id.
   *
   * @param owner what the session belongs to (the repository it uploads into); only a lookup by the
   *     same owner finds it again
   */
  UploadSession create(String owner) throws IOException;

  /**
   * The open session with this id and owner, or empty when it is unknown, belongs to another owner,
   * is finished or expired, or the id is not of the form this store issues (so a hostile id never
   * reaches storage). A session id leaked from one repository therefore cannot be used to write
   * into, or read the progress of, an upload in another.
   */
  Optional<UploadSession> find(String owner, String id) throws IOException;

  /**
   * Removes sessions not written to for longer than {@code maxIdle} and frees their bytes.
   *
   * @return how many sessions were removed
   */
  int expire(Duration maxIdle) throws IOException;
}

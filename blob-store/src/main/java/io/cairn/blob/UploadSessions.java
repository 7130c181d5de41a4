package io.cairn.blob;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The open upload sessions of a blob store. A session survives a restart of the process when the
 * store is durable (the filesystem store keeps them on disk). Thread-safe.
 */
public interface UploadSessions {

  /** Starts an empty session with a new, unguessable id. */
  UploadSession create() throws IOException;

  /**
   * The open session with this id, or empty when it is unknown, finished or expired, or not of the
   * form this store issues (so a hostile id never reaches storage).
   */
  Optional<UploadSession> find(String id) throws IOException;

  /**
   * Removes sessions not written to for longer than {@code maxIdle} and frees their bytes.
   *
   * @return how many sessions were removed
   */
  int expire(Duration maxIdle) throws IOException;
}

package io.cairn.blob;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One resumable upload: bytes are appended in order, then committed under a digest. Calls on one
 * session are serialised by the implementation; after {@link #commit} or {@link #cancel} every call
 * fails with {@link UploadClosedException}.
 */
public interface UploadSession {

  String id();

  /** The number of bytes received so far. */
  long size() throws IOException;

  /**
   * Appends {@code bytes} at the end of the session, kept across a restart of the process (not
   * necessarily across a machine crash: clients then resume from what {@link #size} reports). Each
   * call costs a write system call, so callers should pass large buffers (a megabyte or more)
   * rather than each network read.
   *
   * @throws UploadClosedException when the session was committed, cancelled or expired
   */
  void append(ByteBuffer bytes) throws IOException;

  /**
   * Verifies all received bytes against {@code digest} and publishes them as that blob. On success
   * the session is closed.
   *
   * @return the blob size
   * @throws DigestMismatchException when the bytes do not hash to {@code digest}; the session is
   *     then closed too and nothing is published
   * @throws IllegalArgumentException when {@code digest} is malformed; the session stays open
   */
  long commit(String digest) throws IOException;

  /**
   * Discards the session and its bytes.
   *
   * @throws UploadClosedException when the session was already committed, cancelled or expired
   */
  void cancel() throws IOException;
}

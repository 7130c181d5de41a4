package io.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Content-addressed storage of blob bytes (layers, configs and manifests alike). Digests are {@code
 * algorithm:hex} strings with algorithm {@code sha256} or {@code sha512}; callers validate their
 * grammar first, and a store rejects any other form with {@link IllegalArgumentException}.
 *
 * <p>A blob is either wholly present or absent: writers publish atomically, so a reader never sees
 * a partial blob. Content is verified against its digest while it streams in; nothing is published
 * when they disagree. Implementations are thread-safe.
 */
public interface BlobStore {

  /** The size of the stored blob, or empty when it is absent. */
  OptionalLong size(String digest) throws IOException;

  /**
   * Opens the blob for reading from {@code offset} to its end; the caller closes the stream. An
   * offset equal to the size gives an empty stream.
   *
   * @throws BlobNotFoundException when the blob is absent
   * @throws IllegalArgumentException when {@code offset} is negative or beyond the blob's size
   */
  InputStream open(String digest, long offset) throws IOException;

  /**
   * Stores {@code content} as {@code digest}, reading it to its end with constant memory. Storing a
   * blob that is already present verifies the new bytes and keeps one copy.
   *
   * @return the number of bytes stored
   * @throws DigestMismatchException when the bytes do not hash to {@code digest}; nothing is stored
   */
  long put(String digest, InputStream content) throws IOException;

  /** Removes the blob if present (garbage collection only); returns whether it was there. */
  boolean delete(String digest) throws IOException;

  /** Resumable upload sessions whose committed bytes become blobs of this store. */
  UploadSessions uploads();
}

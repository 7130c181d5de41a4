package io.cairn.policy.verdict;

import io.cairn.blob.BlobNotFoundException;
import io.cairn.blob.BlobStore;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.policy.BlobSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Signature manifests and their blobs, read from the blob store. At most {@link #LIMIT} bytes are
 * read of any blob: a manifest may declare a small size for a huge blob, and verification must not
 * load an image layer into memory because a descriptor lied (the truncated bytes then fail their
 * digest check). Thread-safe.
 */
public final class StoredBlobs implements BlobSource {
  /** The largest manifest; signature payloads and envelopes are far smaller. */
  static final int LIMIT = Manifest.MAX_BYTES;

  private final BlobStore blobs;

  public StoredBlobs(BlobStore blobs) {
    this.blobs = blobs;
  }

  /** Absent blobs are empty; I/O failures are unchecked, not a verdict. */
  @Override
  public Optional<byte[]> read(Digest digest) {
    try (InputStream in = blobs.open(digest.toString(), 0)) {
      return Optional.of(in.readNBytes(LIMIT + 1));
    } catch (BlobNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

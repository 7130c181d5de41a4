package io.cairn.blob;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Optional capability of a {@link BlobStore} whose blobs are plain files, so that HTTP servers can
 * send them with zero-copy file transfer. The returned file is immutable for as long as the blob
 * exists.
 */
public interface FileBacked {
  /** The file holding the blob, or empty when the blob is absent. */
  Optional<Path> fileOf(String digest);
}

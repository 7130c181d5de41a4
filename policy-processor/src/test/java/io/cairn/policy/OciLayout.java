package io.cairn.policy;

import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An OCI image layout on disk, read the way a registry's blob store would serve it. */
record OciLayout(Path root) {
  Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  byte[] bytes(Digest digest) {
    try {
      return Files.readAllBytes(blobPath(digest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Manifest manifest(Digest digest) {
    return Manifest.parse(bytes(digest), null);
  }

  BlobSource blobs() {
    return digest -> Files.exists(blobPath(digest)) ? Optional.of(bytes(digest)) : Optional.empty();
  }
}

package io.cairn.policy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A repository's blobs for tests that build signature manifests themselves. */
final class InMemoryBlobs implements BlobSource {
  private final Map<Digest, byte[]> blobs = new HashMap<>();

  /** Stores {@code bytes} and returns the descriptor a manifest would list for them. */
  Descriptor put(String mediaType, byte[] bytes, Map<String, String> annotations) {
    Digest digest = Digest.sha256(bytes);
    blobs.put(digest, bytes.clone());
    return new Descriptor(mediaType, digest, bytes.length, null, annotations);
  }

  /** Stores {@code bytes} under a digest that is not theirs, as a corrupted store would. */
  void putUnder(Digest digest, byte[] bytes) {
    blobs.put(digest, bytes.clone());
  }

  void remove(Digest digest) {
    blobs.remove(digest);
  }

  @Override
  public Optional<byte[]> read(Digest digest) {
    return Optional.ofNullable(blobs.get(digest)).map(byte[]::clone);
  }
}

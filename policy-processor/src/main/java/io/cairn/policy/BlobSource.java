package io.cairn.policy;

import io.cairn.oci.Digest;
import java.util.Optional;

/**
 * Where verification reads the blobs a signature manifest refers to (Cosign payloads, Notation
 * envelopes). Verifiers check every blob's bytes against the digest they asked for, so an
 * implementation need not.
 */
@FunctionalInterface
public interface BlobSource {
  /**
   * The blob's bytes, or empty when the repository does not hold it. I/O failures are thrown
   * unchecked and propagate out of verification: they are not a verdict on the signature.
   */
  Optional<byte[]> read(Digest digest);
}

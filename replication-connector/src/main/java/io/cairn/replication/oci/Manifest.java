package io.cairn.replication.oci;

import io.cairn.oci.Digest;

/**
 * A manifest as fetched from a registry: its bytes exactly as served (a copy must push the same
 * bytes so the digest stays the same), with the digest and media type they were served under.
 *
 * <p>Not to be confused with {@link io.cairn.oci.Manifest}, which is a reading of such bytes; see
 * {@link #parse()}.
 */
public record Manifest(Digest digest, String mediaType, byte[] bytes) {
  /** Reads the bytes; throws {@code io.cairn.oci.OciException} when they are not a manifest. */
  public io.cairn.oci.Manifest parse() {
    return io.cairn.oci.Manifest.parse(bytes, mediaType);
  }
}

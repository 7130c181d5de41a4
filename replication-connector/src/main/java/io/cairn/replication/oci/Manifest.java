package io.cairn.replication.oci;

import io.cairn.oci.Digest;
import java.util.Arrays;
import java.util.Objects;

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

  /** By content: the same digest, type and bytes. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m
        && Objects.equals(digest, m.digest)
        && Objects.equals(mediaType, m.mediaType)
        && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digest, mediaType) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Manifest[" + digest + ", " + mediaType + ", " + bytes.length + " bytes]";
  }
}

package io.cairn.policy;

import io.cairn.oci.Descriptor;
import java.security.MessageDigest;

/** Reads a signature's blob and proves it is the blob the signature manifest names. */
final class SignatureBlobs {
  /**
   * The largest payload or envelope read. Real ones are a few KiB; the cap keeps a hostile manifest
   * from making verification load an image layer into memory.
   */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  private SignatureBlobs() {}

  /** The blob's bytes; rejects (invalid-signature) a blob that is too big, absent or altered. */
  static byte[] read(BlobSource blobs, Descriptor descriptor, String what) throws Rejection {
    return read(blobs, descriptor, what, MAX_BYTES);
  }

  /** As {@link #read(BlobSource, Descriptor, String)}, reading at most {@code maxBytes}. */
  static byte[] read(BlobSource blobs, Descriptor descriptor, String what, long maxBytes)
      throws Rejection {
    if (descriptor.size() > maxBytes) {
      throw Rejection.invalid(
          what
              + " "
              + descriptor.digest()
              + " is "
              + descriptor.size()
              + " bytes; at most "
              + maxBytes
              + " are read");
    }
    byte[] bytes =
        blobs
            .read(descriptor.digest())
            .orElseThrow(
                () ->
                    Rejection.invalid(
                        what + " " + descriptor.digest() + " is not in the repository"));
    MessageDigest hasher = descriptor.digest().newHasher();
    hasher.update(bytes);
    if (!descriptor.digest().matches(hasher) || bytes.length != descriptor.size()) {
      throw Rejection.invalid(
          what
              + " bytes do not match the descriptor "
              + descriptor.digest()
              + " (size "
              + descriptor.size()
              + ")");
    }
    return bytes;
  }
}

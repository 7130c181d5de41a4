package io.cairn.blob;

import java.io.IOException;

/** No blob is stored under the digest. */
public final class BlobNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  public BlobNotFoundException(String message) {
    super(message);
  }
}

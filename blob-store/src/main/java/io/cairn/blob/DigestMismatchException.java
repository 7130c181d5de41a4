package io.cairn.blob;

import java.io.IOException;

/** The bytes given do not hash to the digest they were given under; nothing was stored. */
public final class DigestMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  public DigestMismatchException(String message) {
    super(message);
  }
}

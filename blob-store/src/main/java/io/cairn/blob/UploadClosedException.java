package io.cairn.blob;

import java.io.IOException;

/** The upload session was committed, cancelled or expired. */
public final class UploadClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  public UploadClosedException(String message) {
    super(message);
  }
}

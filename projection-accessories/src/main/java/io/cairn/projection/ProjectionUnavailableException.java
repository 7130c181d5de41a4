package io.cairn.projection;

/** The projection cannot answer now (rebalancing, restoring, or a write not yet applied). */
public final class ProjectionUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProjectionUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

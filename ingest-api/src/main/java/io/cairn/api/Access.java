package io.cairn.api;

/**
 * What a request wants to do, for the authorization seam.
 *
 * @param repository the repository or project the action is on; {@code null} for registry-wide
 *     actions (catalog, API version check)
 */
public record Access(String repository, Action action) {
  public enum Action {
    PULL,
    PUSH,
    DELETE,
    /** Project management through /api/v2.0. */
    ADMIN
  }
}

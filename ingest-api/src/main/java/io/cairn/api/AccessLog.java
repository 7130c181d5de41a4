package io.cairn.api;

import io.cairn.events.Actor;

/**
 * Where denied requests and failed logins are recorded for whoever audits access ({@code
 * cairn.access}). Calls must not block: implementations hand the record off and return.
 */
public interface AccessLog {
  /**
   * A request was refused.
   *
   * @param resource the repository or project, or {@code null} for registry-wide requests
   * @param action what was asked (pull, push, …)
   * @param rule which rule refused it
   */
  void denied(Actor who, String resource, String action, String rule);

  /** A login failed; {@code failures} counts this account's recent failures. */
  void failedLogin(String account, int failures, String why);
}

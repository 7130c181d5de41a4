package io.cairn.api.auth;

import io.cairn.api.Access;

/**
 * What a refused caller is told, in words a user knows: what to do next (sign in, ask for a wider
 * token), never the rule that refused (that goes to the access log) and never anything about the
 * project beyond the name that was asked for, so a private project and a missing one read alike.
 * Pure, so the wording is a table test.
 */
final class Refusals {
  private Refusals() {}

  /** To a caller who presented nothing: sign in to do what was asked. */
  static String signIn(Access access) {
    if (access instanceof Access.OnRepository on) {
      return "sign in to " + verb(on.action()) + " " + on.repository();
    }
    if (access instanceof Access.OnProject on) {
      return "sign in to " + verb(on.action()) + " project " + on.project();
    }
    return switch ((Access.Registry) access) {
      case PING, CATALOG, BROWSE -> "sign in to use this registry";
      case CREATE_PROJECT -> "sign in to create a project";
      case ADMINISTER -> "sign in as a system administrator to do this";
    };
  }

  /** To a bearer token that does not grant the repository action: the scope to ask for. */
  static String tokenLacks(Access.OnRepository on, String scope) {
    return "your token does not allow you to "
        + verb(on.action())
        + " "
        + on.repository()
        + ": ask for scope "
        + scope;
  }

  /** To a bearer token without the catalog grant. */
  static String tokenLacksCatalog(String scope) {
    return "your token does not allow listing the catalog: ask for scope " + scope;
  }

  /** To a bearer token on the management API, which takes only Basic credentials. */
  static String tokenOffV2() {
    return "tokens are for /v2/ only: sign in with a user name and password (Basic credentials)";
  }

  private static String verb(Action action) {
    return switch (action) {
      case PULL -> "pull from";
      case PUSH -> "push to";
      case DELETE -> "delete from";
      case LIST -> "see the content of";
      case MANAGE -> "manage";
      case LIST_MEMBERS -> "list the members of";
      case READ_MEMBER -> "see the members of";
    };
  }
}

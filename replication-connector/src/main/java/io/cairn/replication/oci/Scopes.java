package io.cairn.replication.oci;

/** The token scopes a registry client asks for, in the distribution token spec's form. */
final class Scopes {
  private Scopes() {}

  static String pull(String repo) {
    return "repository:" + repo + ":pull";
  }

  static String push(String repo) {
    return "repository:" + repo + ":pull,push";
  }

  static String delete(String repo) {
    return "repository:" + repo + ":delete";
  }
}

package io.cairn.oci;

import java.util.regex.Pattern;

/**
 * A repository name {@code <project>/<repo…>}: the distribution spec's name grammar, at least two
 * path components (the first is the Harbor project), at most 255 characters.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
  /** Distribution spec v1.1 name grammar, applied per path component. */
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");

  public static final int MAX_LENGTH = 255;

  public RepositoryName {
    String problem = problem(value);
    if (problem != null) {
      throw OciErrorCode.NAME_INVALID.exception(problem);
    }
  }

  public static RepositoryName parse(String value) {
    return new RepositoryName(value);
  }

  /** Why {@code value} is not a repository name, or {@code null} when it is one. */
  public static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "repository name is empty";
    }
    if (value.length() > MAX_LENGTH) {
      return "repository name is longer than " + MAX_LENGTH + " characters";
    }
    String[] parts = value.split("/", -1);
    for (String part : parts) {
      if (!COMPONENT.matcher(part).matches()) {
        return "invalid repository name '"
            + Digest.abbreviate(value)
            + "': each path component must match [a-z0-9]+((.|_|__|-+)[a-z0-9]+)*";
      }
    }
    if (parts.length < 2) {
      return "repository name '"
          + value
          + "' has no project: use <project>/<repository>, e.g. library/"
          + value;
    }
    return null;
  }

  /** The Harbor project: the first path component. */
  public String project() {
    return value.substring(0, value.indexOf('/'));
  }

  /** The name inside the project (may itself contain slashes). */
  public String withinProject() {
    return value.substring(value.indexOf('/') + 1);
  }

  @Override
  public int compareTo(RepositoryName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

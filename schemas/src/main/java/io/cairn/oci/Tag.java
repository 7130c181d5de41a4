package io.cairn.oci;

import java.util.regex.Pattern;

/** A tag: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} (distribution spec v1.1). */
public record Tag(String value) implements Comparable<Tag> {
  private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public Tag {
    if (!isValid(value)) {
      throw OciErrorCode.TAG_INVALID.exception(
          "invalid tag '" + Digest.abbreviate(String.valueOf(value)) + "'");
    }
  }

  public static boolean isValid(String value) {
    return value != null && GRAMMAR.matcher(value).matches();
  }

  @Override
  public int compareTo(Tag other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

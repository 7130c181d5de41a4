package io.cairn.replication.policy;

import java.util.regex.Pattern;

/**
 * The glob language of Harbor's replication and retention filters (Go's {@code doublestar}): {@code
 * *} is any run of characters other than {@code /}; {@code **} as a whole path segment is any
 * number of segments (elsewhere it is {@code *}); {@code ?} is one character other than {@code /};
 * {@code [abc]}, {@code [a-z]}, {@code [!a]} or {@code [^a]} is one character of a class; {@code
 * {a,b}} is either alternative (nested alternatives too); a backslash escapes the next character.
 * Compiled once into a regular expression; a malformed pattern is refused at compile time, so a
 * policy with one is a 400, never a filter that silently matches nothing.
 */
public final class Doublestar {
  private final String glob;
  private final Pattern regex;

  private Doublestar(String glob, Pattern regex) {
    this.glob = glob;
    this.regex = regex;
  }

  /**
   * @throws IllegalArgumentException naming the problem, if {@code glob} is malformed
   */
  public static Doublestar compile(String glob) {
    return new Doublestar(glob, Pattern.compile(translate(glob)));
  }

  public boolean matches(String text) {
    return regex.matcher(text).matches();
  }

  @Override
  public String toString() {
    return glob;
  }

  private static String translate(String glob) {
    StringBuilder out = new StringBuilder();
    int braces = 0;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= glob.length()) {
            throw new IllegalArgumentException("pattern " + glob + " ends with a lone backslash");
          }
          out.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
          i += 2;
          continue;
        }
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            boolean segmentEnd = i + 2 == glob.length() || glob.charAt(i + 2) == '/';
            if (segmentStart && segmentEnd) {
              if (i + 2 < glob.length()) {
                out.append("(?:[^/]*(?:/[^/]*)*/)?"); // "**/": zero or more whole segments
                i += 3;
              } else {
                out.append(".*"); // a trailing "**": everything below
                i += 2;
              }
              continue;
            }
            out.append("[^/]*");
            i += 2;
            continue;
          }
          out.append("[^/]*");
        }
        case '?' -> out.append("[^/]");
        case '[' -> {
          int close = classEnd(glob, i);
          String body = glob.substring(i + 1, close);
          boolean negated = body.startsWith("!") || body.startsWith("^");
          if (negated) {
            body = body.substring(1);
          }
          if (body.isEmpty()) {
            throw new IllegalArgumentException("pattern " + glob + " has an empty [] class");
          }
          out.append(negated ? "[^/" : "[");
          for (char k : body.toCharArray()) {
            // inside a class, a backslash makes any non-letter literal; '-' keeps its range meaning
            out.append(Character.isLetterOrDigit(k) || k == '-' ? String.valueOf(k) : "\\" + k);
          }
          out.append(']');
          i = close + 1;
          continue;
        }
        case '{' -> {
          braces++;
          out.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException("pattern " + glob + " closes a } it never opened");
          }
          braces--;
          out.append(')');
        }
        case ',' -> out.append(braces > 0 ? "|" : ",");
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (braces > 0) {
      throw new IllegalArgumentException("pattern " + glob + " leaves a { open");
    }
    return out.toString();
  }

  private static int classEnd(String glob, int open) {
    int close = glob.indexOf(']', open + 2); // a ']' right after '[' (or '[!') is a member
    if (close < 0) {
      throw new IllegalArgumentException("pattern " + glob + " leaves a [ open");
    }
    return close;
  }
}

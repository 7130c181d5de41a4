package io.cairn.replication.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, as in
 * {@code Bearer realm="https://auth/token",service="registry",scope="repository:a:pull,push"}.
 * Parameter names are lower case; quoted values are unquoted (commas inside quotes belong to the
 * value, as in a scope with several actions).
 */
public record Challenge(String scheme, Map<String, String> params) {
  public Challenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** Every challenge in the header, in order; empty for a blank or unparseable header. */
  public static List<Challenge> parseAll(String header) {
    List<Challenge> out = new ArrayList<>();
    if (header == null) {
      return out;
    }
    Parser p = new Parser(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (p.skipSeparators()) {
      String token = p.token();
      if (token.isEmpty()) {
        return List.of(); // a character no grammar allows here: trust nothing of it
      }
      if (p.peekEquals()) {
        String value = p.value();
        if (scheme == null || value == null) {
          return List.of();
        }
        params.put(token.toLowerCase(Locale.ROOT), value);
      } else {
        if (scheme != null) {
          out.add(new Challenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      out.add(new Challenge(scheme, params));
    }
    return out;
  }

  /** The first challenge of the given scheme (case-insensitive). */
  public static Optional<Challenge> find(String header, String scheme) {
    return parseAll(header).stream().filter(c -> c.scheme().equalsIgnoreCase(scheme)).findFirst();
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    /** Skips blanks and commas; false at the end. */
    boolean skipSeparators() {
      while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
        i++;
      }
      return i < s.length();
    }

    String token() {
      int start = i;
      while (i < s.length() && isTokenChar(s.charAt(i))) {
        i++;
      }
      return s.substring(start, i);
    }

    /** True (and consumes it) when the next non-blank character is '='. */
    boolean peekEquals() {
      int j = i;
      while (j < s.length() && s.charAt(j) == ' ') {
        j++;
      }
      if (j < s.length() && s.charAt(j) == '=') {
        i = j + 1;
        while (i < s.length() && s.charAt(i) == ' ') {
          i++;
        }
        return true;
      }
      return false;
    }

    /** A quoted string or a token; null for an unterminated quote. */
    String value() {
      if (i < s.length() && s.charAt(i) == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
          char c = s.charAt(i++);
          if (c == '\\' && i < s.length()) {
            b.append(s.charAt(i++));
          } else if (c == '"') {
            return b.toString();
          } else {
            b.append(c);
          }
        }
        return null;
      }
      String token = token();
      return token.isEmpty() ? null : token;
    }

    private static boolean isTokenChar(char c) {
      return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
    }
  }
}

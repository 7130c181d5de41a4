package io.cairn.api.replication;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1) as registries send them: {@code Bearer
 * realm="https://…/token",service="…"} (the Docker token flow) or {@code Basic realm="…"}. Pure.
 *
 * @param scheme lower case: {@code bearer}, {@code basic}, …
 * @param params parameter names in lower case, values unquoted
 */
record Challenge(String scheme, Map<String, String> params) {

  Challenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  String param(String name) {
    return params.get(name);
  }

  /** The first challenge among {@code headers} that is Bearer, else the first Basic one. */
  static Optional<Challenge> preferred(List<String> headers) {
    Optional<Challenge> basic = Optional.empty();
    for (String header : headers) {
      Optional<Challenge> challenge = parse(header);
      if (challenge.isPresent() && challenge.get().isBearer()) {
        return challenge;
      }
      if (basic.isEmpty() && challenge.isPresent() && challenge.get().isBasic()) {
        basic = challenge;
      }
    }
    return basic;
  }

  /**
   * The first challenge in {@code header}: its scheme and the {@code name=value} or {@code
   * name="quoted value"} parameters after it, up to the next scheme; empty if there is no scheme.
   */
  static Optional<Challenge> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String text = header.strip();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (scheme.isEmpty() || scheme.contains("=") || scheme.contains(",")) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      i = skip(text, i);
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip();
      if (name.contains(" ")) {
        break; // the next challenge's scheme: only the first is read
      }
      StringBuilder value = new StringBuilder();
      i = value(text, eq + 1, value);
      params.put(name.toLowerCase(Locale.ROOT), value.toString());
    }
    return Optional.of(new Challenge(scheme, params));
  }

  private static int skip(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
      i++;
    }
    return i;
  }

  /** Reads a token or quoted-string from {@code i} into {@code out}; returns where it ends. */
  private static int value(String text, int i, StringBuilder out) {
    if (i < text.length() && text.charAt(i) == '"') {
      i++;
      while (i < text.length() && text.charAt(i) != '"') {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          c = text.charAt(++i);
        }
        out.append(c);
        i++;
      }
      return i + 1;
    }
    while (i < text.length() && text.charAt(i) != ',') {
      out.append(text.charAt(i++));
    }
    String token = out.toString().strip();
    out.setLength(0);
    out.append(token);
    return i;
  }
}

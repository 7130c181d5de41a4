package io.cairn.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What an {@code Authorization} header claims, before anything is verified. */
public sealed interface Credentials {

  /** No header. */
  record None() implements Credentials {}

  /** {@code Basic base64(name:secret)}: a user's password or a robot's secret. */
  record Basic(String name, String secret) implements Credentials {
    @Override
    public String toString() {
      return "Basic[" + name + "]"; // never the secret, even in a log line
    }
  }

  /** {@code Bearer <jwt>} from the token service. */
  record Bearer(String token) implements Credentials {
    @Override
    public String toString() {
      return "Bearer[…]";
    }
  }

  /** A header that is neither: answered 401, never treated as anonymous. */
  record Malformed(String why) implements Credentials {}

  static Credentials parse(String header) {
    if (header == null || header.isBlank()) {
      return new None();
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return value.isEmpty() ? new Malformed("empty bearer token") : new Bearer(value);
    }
    if (!scheme.equalsIgnoreCase("Basic")) {
      // Not echoed: a header without a scheme is all credential, and the answer may be logged.
      return new Malformed("unsupported authorization scheme: use Basic or Bearer");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Malformed("basic credentials are not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return new Malformed("basic credentials are not name:secret");
    }
    return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}

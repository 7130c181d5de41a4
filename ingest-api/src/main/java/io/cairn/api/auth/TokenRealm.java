package io.cairn.api.auth;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a {@code 401} sends clients for a token: {@code <base>/service/token}. The base is the
 * registry's external URL when one is configured (behind a reverse proxy, the address clients use),
 * else the scheme and {@code Host} of the request itself. Without an external URL, whoever can set
 * the {@code Host} header chooses the realm a client is sent to; a proxy in front must then pass
 * the client's own {@code Host} and nothing else. Immutable.
 */
public final class TokenRealm {
  private static final String PATH = "/service/token";

  /** The configured base, normalized, or {@code null} to use the request's {@code Host}. */
  private final String externalUrl;

  private TokenRealm(String externalUrl) {
    this.externalUrl = externalUrl;
  }

  /** The realm of {@code externalUrl} ({@link #externalUrl(String)}), or of each request's host. */
  public static TokenRealm of(String externalUrl) {
    return new TokenRealm(externalUrl == null ? null : externalUrl(externalUrl));
  }

  /** The realm to name in the challenge answering {@code request}. */
  public String realm(HttpServerRequest request) {
    if (externalUrl != null) {
      return externalUrl + PATH;
    }
    return request.scheme() + "://" + request.authority() + PATH;
  }

  /**
   * {@code value} as an external URL: {@code http} or {@code https}, a host (and optionally a port
   * and a path), no user information, query or fragment. The scheme and host are lower-cased and
   * trailing slashes dropped, so {@code https://Registry.example.com/} is {@code
   * https://registry.example.com}.
   *
   * @throws InvalidExternalUrl saying, in one line, what is wrong
   */
  public static String externalUrl(String value) {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new InvalidExternalUrl(value, "not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidExternalUrl(value, "must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidExternalUrl(value, "must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidExternalUrl(value, "must not hold a user name or password");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidExternalUrl(value, "must not have a query (?) or a fragment (#)");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new InvalidExternalUrl(value, "port " + uri.getPort() + " is not a TCP port");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
  }

  /** An external URL Cairn cannot send clients to; the message is one line. */
  public static final class InvalidExternalUrl extends IllegalArgumentException {
    InvalidExternalUrl(String value, String why) {
      super("external URL '" + value.replaceAll("\\p{Cntrl}", "?") + "' " + why);
    }
  }
}

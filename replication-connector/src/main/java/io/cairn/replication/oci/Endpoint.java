package io.cairn.replication.oci;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a registry is and how to sign in to it.
 *
 * @param url the registry's base URL, e.g. {@code http://127.0.0.1:5000}; the client appends {@code
 *     /v2/...}
 * @param username the user name, or {@code null} for anonymous access
 * @param secret the password or token, or {@code null}; never printed
 * @param insecure accept any TLS certificate (self-signed test registries)
 */
public record Endpoint(URI url, String username, String secret, boolean insecure) {
  public Endpoint {
    if (url == null || url.getScheme() == null || url.getHost() == null) {
      throw new IllegalArgumentException("registry URL must be absolute, e.g. https://host:5000");
    }
    if (!url.getScheme().equals("http") && !url.getScheme().equals("https")) {
      throw new IllegalArgumentException("registry URL must be http or https, not " + url);
    }
  }

  /** An endpoint without credentials. */
  public static Endpoint anonymous(URI url) {
    return new Endpoint(url, null, null, false);
  }

  /** True when both a user name and a secret are set. */
  public boolean hasCredentials() {
    return username != null && !username.isEmpty() && secret != null;
  }

  /** The {@code Authorization} value of HTTP Basic for these credentials */
  public String basicAuthorization() {
    String pair = username + ":" + secret;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The secret stays out: this string ends up in logs and task reports. */
  @Override
  public String toString() {
    return "Endpoint[url="
        + url
        + ", username="
        + username
        + ", secret="
        + (secret == null ? "null" : "***")
        + ", insecure="
        + insecure
        + "]";
  }
}

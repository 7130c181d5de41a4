package io.cairn.replication.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in side of the distribution API: anonymous, Basic, or the token flow of the distribution
 * token spec (a 401 names a realm; the client fetches a token there, with Basic credentials when it
 * has some, and retries). Tokens are cached per scope until they expire. Thread-safe.
 */
final class Authenticator {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The spec's default when the token answer has no {@code expires_in}. */
  private static final long DEFAULT_TOKEN_SECONDS = 60;

  /** Renew this long before expiry so a token does not lapse mid-request. */
  private static final long MARGIN_SECONDS = 10;

  private final Endpoint endpoint;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  /** Set once a registry asked for Basic: from then on every request carries it up front. */
  private volatile boolean basic;

  private record Token(String value, long expiresAtNanos) {
    boolean valid() {
      return System.nanoTime() < expiresAtNanos;
    }
  }

  Authenticator(Endpoint endpoint, HttpClient http, Duration timeout) {
    this.endpoint = endpoint;
    this.http = http;
    this.timeout = timeout;
  }

  /** The Authorization header to send for {@code scope} now, if any. */
  Optional<String> header(String scope) {
    Token token = tokens.get(scope == null ? "" : scope);
    if (token != null && token.valid()) {
      return Optional.of("Bearer " + token.value());
    }
    if (basic && endpoint.hasCredentials()) {
      return Optional.of(basicHeader());
    }
    return Optional.empty();
  }

  /**
   * Answers a 401: true when it obtained something new to retry with. Throws when the token realm
   * itself refused or failed.
   */
  boolean answer(String wwwAuthenticate, String scope) throws RegistryException {
    Optional<Challenge> bearer = Challenge.find(wwwAuthenticate, "bearer");
    if (bearer.isPresent()) {
      return fetchToken(bearer.get(), scope);
    }
    if (Challenge.find(wwwAuthenticate, "basic").isPresent() && endpoint.hasCredentials()) {
      boolean first = !basic;
      basic = true;
      return first;
    }
    return false;
  }

  /**
   * True when a request under {@code scope} carried credentials (Basic, or a token got with them).
   */
  boolean credentialsTried() {
    return endpoint.hasCredentials();
  }

  private boolean fetchToken(Challenge challenge, String scope) throws RegistryException {
    String realm = challenge.param("realm").orElse(null);
    if (realm == null) {
      throw new RegistryException(
          401, "UNAUTHORIZED", "the registry asked for a token but named no realm", true);
    }
    StringBuilder query = new StringBuilder();
    challenge.param("service").ifPresent(s -> append(query, "service", s));
    String asked = challenge.param("scope").orElse(null);
    if (asked != null) {
      // A registry asking for several scopes (a mount) separates them by spaces; token
      // servers expect one scope parameter each.
      for (String one : asked.trim().split(" +")) {
        append(query, "scope", one);
      }
    }
    if (scope != null && (asked == null || !asked.contains(scope))) {
      append(query, "scope", scope);
    }
    URI uri =
        URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?")) + query);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (endpoint.hasCredentials()) {
      request.header("Authorization", basicHeader());
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw RegistryException.unreachable("token request to " + realm, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(0, null, "interrupted while fetching a token", false);
    }
    if (response.statusCode() != 200) {
      throw RegistryException.fromResponse(
          "token request to " + realm,
          response.statusCode(),
          response.body(),
          endpoint.hasCredentials());
    }
    Token token = parseToken(response.body(), realm);
    tokens.put(scope == null ? "" : scope, token);
    return true;
  }

  private static Token parseToken(byte[] body, String realm) throws RegistryException {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new RegistryException(
          401, "UNAUTHORIZED", "the token answer of " + realm + " is not JSON", true);
    }
    String value = json.path("token").asText("");
    if (value.isEmpty()) {
      value = json.path("access_token").asText("");
    }
    if (value.isEmpty()) {
      throw new RegistryException(
          401, "UNAUTHORIZED", "the token answer of " + realm + " has no token", true);
    }
    long seconds = json.path("expires_in").asLong(DEFAULT_TOKEN_SECONDS);
    long lifetime = Math.max(1, (seconds <= 0 ? DEFAULT_TOKEN_SECONDS : seconds) - MARGIN_SECONDS);
    return new Token(value, System.nanoTime() + lifetime * 1_000_000_000L);
  }

  private String basicHeader() {
    return endpoint.basicAuthorization();
  }

  private static void append(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}

package io.cairn.api.replication;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Asks another registry whether it is there and takes the credentials, as a Docker client does
 * before it pulls: {@code GET <url>/v2/}; a 200 is healthy; a 401 with a {@code Bearer} challenge
 * gets a token from the realm (HTTP Basic with the credentials, if any) and asks again with it; a
 * {@code Basic} challenge asks again with the credentials. Never fails its future: every failure is
 * a {@link PingOutcome} that says why. Thread-safe.
 */
final class RegistryProbe {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private final HttpClient verifying;
  private final HttpClient trusting;

  RegistryProbe(Vertx vertx) {
    HttpClientOptions options = new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    this.verifying = vertx.createHttpClient(options);
    this.trusting =
        vertx.createHttpClient(
            new HttpClientOptions(options).setTrustAll(true).setVerifyHost(false));
  }

  /** An answer, read whole (registries' answers to these requests are small). */
  private record Answer(
      int statusCode, String statusMessage, List<String> challenges, Buffer body) {}

  /**
   * Probes the registry at {@code url} (no trailing slash), with {@code credential} or none ({@code
   * null}); {@code insecure} skips TLS certificate checks.
   */
  Future<PingOutcome> ping(String url, boolean insecure, BasicCredential credential) {
    HttpClient client = insecure ? trusting : verifying;
    String v2 = url + "/v2/";
    return send(client, v2, null)
        .compose(first -> challenged(client, v2, first, credential))
        .recover(failure -> Future.succeededFuture(unreachable(url, failure)));
  }

  private Future<PingOutcome> challenged(
      HttpClient client, String v2, Answer first, BasicCredential credential) {
    if (first.statusCode() == 200) {
      return Future.succeededFuture(PingOutcome.ok());
    }
    if (first.statusCode() != 401) {
      return Future.succeededFuture(answered(v2, first));
    }
    Optional<Challenge> challenge = Challenge.preferred(first.challenges());
    if (challenge.isPresent() && challenge.get().isBearer()) {
      return bearer(client, v2, challenge.get(), credential);
    }
    if (challenge.isPresent() && challenge.get().isBasic() && credential != null) {
      return send(client, v2, credential.authorization())
          .map(again -> again.statusCode() == 200 ? PingOutcome.ok() : refused(v2, again));
    }
    return Future.succeededFuture(
        PingOutcome.failed(
            "GET "
                + v2
                + " requires authentication"
                + (credential == null ? " and no credential was given" : " that Cairn cannot do")));
  }

  private Future<PingOutcome> bearer(
      HttpClient client, String v2, Challenge challenge, BasicCredential credential) {
    String realm = challenge.param("realm");
    if (realm == null || !realm.matches("(?i)https?://.+")) {
      return Future.succeededFuture(
          PingOutcome.failed(v2 + " names no usable token realm: " + realm));
    }
    String tokenUrl = tokenUrl(realm, challenge.param("service"));
    return send(client, tokenUrl, credential == null ? null : credential.authorization())
        .compose(
            answer -> {
              if (answer.statusCode() != 200) {
                return Future.succeededFuture(refused(realm, answer));
              }
              String token = token(answer);
              if (token == null) {
                return Future.succeededFuture(
                    PingOutcome.failed("the token service " + realm + " sent no token"));
              }
              return send(client, v2, "Bearer " + token)
                  .map(again -> again.statusCode() == 200 ? PingOutcome.ok() : refused(v2, again));
            });
  }

  private static String tokenUrl(String realm, String service) {
    if (service == null) {
      return realm;
    }
    String separator = realm.contains("?") ? "&" : "?";
    return realm + separator + "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
  }

  private static String token(Answer answer) {
    try {
      JsonObject body = answer.body().toJsonObject();
      String token = body.getString("token");
      return token != null ? token : body.getString("access_token");
    } catch (RuntimeException e) {
      return null; // not JSON: reported as no token
    }
  }

  private Future<Answer> send(HttpClient client, String url, String authorization) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url)
            // Not followed: a redirect could carry the Authorization header to another host.
            .setFollowRedirects(false)
            .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
            .putHeader("User-Agent", "cairn-replication");
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return client
        .request(options)
        .compose(request -> request.send())
        .compose(
            response ->
                response
                    .body()
                    .map(
                        body ->
                            new Answer(
                                response.statusCode(),
                                response.statusMessage(),
                                response.headers().getAll("WWW-Authenticate"),
                                body)));
  }

  private static PingOutcome refused(String where, Answer answer) {
    if (answer.statusCode() == 401 || answer.statusCode() == 403) {
      return PingOutcome.failed(
          where
              + " rejected the credentials ("
              + answer.statusCode()
              + " "
              + answer.statusMessage()
              + ")");
    }
    return answered(where, answer);
  }

  private static PingOutcome answered(String where, Answer answer) {
    return PingOutcome.failed(
        "GET " + where + " answered " + answer.statusCode() + " " + answer.statusMessage());
  }

  private static PingOutcome unreachable(String url, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return PingOutcome.failed(
            "TLS with "
                + URI.create(url).getHost()
                + " failed: "
                + t.getMessage()
                + " (set insecure to skip certificate checks)");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return PingOutcome.failed("cannot reach " + url + ": " + failure.getMessage());
  }
}

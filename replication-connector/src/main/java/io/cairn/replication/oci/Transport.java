package io.cairn.replication.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One registry's HTTP: URLs under its base, the sign-in retry, error answers turned into {@link
 * RegistryException}. Thread-safe.
 */
final class Transport {
  private final Endpoint endpoint;
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final Authenticator auth;

  Transport(Endpoint endpoint, Duration timeout) {
    this.endpoint = endpoint;
    String url = endpoint.url().toString();
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.timeout = timeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            // Redirects are followed by hand (blobs only): a registry on S3 or a CDN redirects
            // to a presigned URL that refuses a second auth mechanism, so our Authorization
            // header must not follow the request to another host.
            .followRedirects(HttpClient.Redirect.NEVER);
    if (endpoint.insecure()) {
      builder.sslContext(trustingEverything());
    }
    this.http = builder.build();
    this.auth = new Authenticator(endpoint, http, timeout);
  }

  Endpoint endpoint() {
    return endpoint;
  }

  Duration timeout() {
    return timeout;
  }

  /** {@code path} under the registry's base URL; {@code path} starts with {@code /v2/}. */
  URI uri(String path) {
    return URI.create(base + path);
  }

  /** A {@code Location} or {@code Link} target: absolute as given, else relative to the base. */
  URI resolve(String location) {
    return base.resolve(location);
  }

  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout);
  }

  /**
   * Sends the request with the credentials cached for {@code scope}; on a 401 answers the challenge
   * and sends a fresh request once more. Only requests whose body can be produced again may go
   * through here ({@code request} is called for each attempt). Never throws for an HTTP status: the
   * caller reads it.
   */
  <T> HttpResponse<T> send(
      String what,
      String scope,
      Supplier<HttpRequest.Builder> request,
      HttpResponse.BodyHandler<T> handler)
      throws RegistryException {
    HttpResponse<T> response = sendOnce(what, scope, request.get(), handler);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
      if (auth.answer(challenge, scope)) {
        discard(response);
        response = sendOnce(what, scope, request.get(), handler);
      }
    }
    return response;
  }

  /**
   * Signs in for {@code scope} before the first request under it, when there are credentials and
   * none are cached: a registry that answers a request anonymously too (a catalog that lists only
   * public repositories to anonymous callers, as Cairn's and Harbor's do) would otherwise never
   * challenge, and the answer would silently be the anonymous one. Asks {@code /v2/} for the
   * challenge and answers it.
   */
  void signInFirst(String what, String scope) throws RegistryException {
    if (!auth.credentialsTried() || auth.header(scope).isPresent()) {
      return;
    }
    HttpResponse<Void> ping =
        sendOnce(what, null, request(uri("/v2/")).GET(), HttpResponse.BodyHandlers.discarding());
    if (ping.statusCode() == 401) {
      auth.answer(ping.headers().firstValue("WWW-Authenticate").orElse(null), scope);
    }
  }

  /** Sends once with the cached credentials: for bodies that stream and cannot be sent again. */
  <T> HttpResponse<T> sendOnce(
      String what, String scope, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws RegistryException {
    auth.header(scope).ifPresent(h -> request.setHeader("Authorization", h));
    try {
      return http.send(request.build(), handler);
    } catch (HttpTimeoutException e) {
      throw RegistryException.unreachable(what + " timed out after " + timeout, e);
    } catch (IOException e) {
      throw RegistryException.unreachable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(0, null, what + ": interrupted", false);
    }
  }

  /**
   * Follows up to five redirects of a blob GET or HEAD, sending our credentials only to the
   * registry's own host.
   */
  <T> HttpResponse<T> followRedirects(
      String what,
      String scope,
      String method,
      HttpResponse<T> response,
      HttpResponse.BodyHandler<T> handler)
      throws RegistryException {
    for (int hops = 0; hops < 5 && isRedirect(response.statusCode()); hops++) {
      String location = response.headers().firstValue("Location").orElse(null);
      if (location == null) {
        return response;
      }
      discard(response);
      URI next = response.uri().resolve(location);
      HttpRequest.Builder request =
          request(next).method(method, HttpRequest.BodyPublishers.noBody());
      if (sameOrigin(next)) {
        response = sendOnce(what, scope, request, handler);
      } else {
        try {
          response = http.send(request.build(), handler);
        } catch (IOException e) {
          throw RegistryException.unreachable(what + " (redirected to " + next.getHost() + ")", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryException(0, null, what + ": interrupted", false);
        }
      }
    }
    return response;
  }

  /**
   * After a 401 on a request that cannot be sent again (a streamed chunk whose token expired):
   * renews the credentials so that the caller's retry finds them, and says the failure is not
   * permanent unless sign-in itself fails.
   */
  RegistryException expired(String what, String scope, HttpResponse<?> response) {
    RegistryException error = error(what, response);
    try {
      if (auth.answer(response.headers().firstValue("WWW-Authenticate").orElse(null), scope)) {
        return new RegistryException(401, error.code(), error.getMessage(), false);
      }
    } catch (RegistryException signInFailed) {
      return signInFailed;
    }
    return error;
  }

  private boolean sameOrigin(URI uri) {
    return base.getHost().equalsIgnoreCase(uri.getHost())
        && base.getPort() == uri.getPort()
        && base.getScheme().equalsIgnoreCase(uri.getScheme());
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The error an unexpected answer stands for; reads (a bounded part of) its body. */
  RegistryException error(String what, HttpResponse<?> response) {
    byte[] body = new byte[0];
    Object raw = response.body();
    if (raw instanceof byte[] bytes) {
      body = bytes;
    } else if (raw instanceof InputStream in) {
      try (in) {
        body = in.readNBytes(64 * 1024);
      } catch (IOException ignored) {
        // The status says enough; the body was only for the message.
      }
    }
    return RegistryException.fromResponse(
        what, response.statusCode(), body, auth.credentialsTried());
  }

  static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Closing an abandoned answer: nothing to do about a failure.
      }
    }
  }

  /** For {@link Endpoint#insecure()}: self-signed test registries. Skips host name checks too. */
  private static SSLContext trustingEverything() {
    TrustManager trustAll =
        new X509ExtendedTrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkClientTrusted(
              X509Certificate[] chain, String authType, java.net.Socket socket) {}

          @Override
          public void checkServerTrusted(
              X509Certificate[] chain, String authType, java.net.Socket socket) {}

          @Override
          public void checkClientTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public void checkServerTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides TLS", e);
    }
  }
}

package io.cairn.api.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe against a real HTTP server on loopback that answers as registries do: Basic, the token
 * flow, and the answers that are not a registry. (Real registries: {@code RegistryEndpointsTest}.)
 */
class RegistryProbeTest {
  private static final BasicCredential RIGHT = new BasicCredential("u", "right");

  private final Vertx vertx = Vertx.vertx();
  private final RegistryProbe probe = new RegistryProbe(vertx);
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private String url;

  /** What {@code /v2/} answers when unauthenticated, set per test. */
  private volatile String challenge;

  private volatile int status = 401;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    url = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/v2/", this::v2);
    server.createContext("/token", this::token);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    vertx.close();
  }

  private void v2(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    seen.add("v2 " + auth);
    boolean ok =
        RIGHT.authorization().equals(auth) || "Bearer t0ken".equals(auth) || challenge == null;
    if (!ok && challenge != null) {
      exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
    }
    answer(exchange, ok && status == 401 ? 200 : status, "{}");
  }

  private void token(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    seen.add("token " + exchange.getRequestURI().getQuery() + " " + auth);
    boolean ok = RIGHT.authorization().equals(auth);
    answer(exchange, ok ? 200 : 401, ok ? "{\"access_token\":\"t0ken\"}" : "{}");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private PingOutcome ping(String target, BasicCredential credential) throws Exception {
    return probe
        .ping(target, false, credential)
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
  }

  @Test
  void anOpenRegistryIsHealthyWithOrWithoutCredentials() throws Exception {
    challenge = null;
    assertTrue(ping(url, null).healthy());
    assertTrue(ping(url, new BasicCredential("x", "y")).healthy());
  }

  @Test
  void basicRetriesWithTheCredentials() throws Exception {
    challenge = "Basic realm=\"Registry Realm\"";
    assertTrue(ping(url, RIGHT).healthy());
    PingOutcome wrong = ping(url, new BasicCredential("u", "wrong"));
    assertFalse(wrong.healthy());
    assertTrue(wrong.reason().contains("rejected the credentials (401"), wrong.reason());
    PingOutcome none = ping(url, null);
    assertTrue(none.reason().contains("no credential was given"), none.reason());
  }

  @Test
  void bearerGetsATokenFromTheRealmWithTheService() throws Exception {
    challenge = "Bearer realm=\"" + url + "/token\",service=\"reg istry\"";
    assertTrue(ping(url, RIGHT).healthy());
    assertTrue(seen.contains("token service=reg+istry " + RIGHT.authorization()), seen::toString);
    assertTrue(seen.contains("v2 Bearer t0ken"), seen::toString);
    PingOutcome wrong = ping(url, new BasicCredential("u", "wrong"));
    assertTrue(wrong.reason().contains(url + "/token rejected the credentials"), wrong.reason());
  }

  @Test
  void whatIsNotARegistrySaysSo() throws Exception {
    challenge = null;
    status = 404;
    assertTrue(ping(url, null).reason().contains("answered 404"));
    challenge = "Bearer service=x";
    status = 401;
    assertTrue(ping(url, RIGHT).reason().contains("no usable token realm"));
    challenge = "Negotiate";
    assertTrue(ping(url, RIGHT).reason().contains("that Cairn cannot do"));
    server.stop(0);
    assertTrue(ping(url, RIGHT).reason().startsWith("cannot reach " + url));
  }

  @Test
  void theCredentialNeverShowsItsPassword() {
    assertFalse(RIGHT.toString().contains("right"), RIGHT.toString());
  }
}

package io.cairn.ops.replication;

import static io.cairn.ops.replication.HarborApi.asOthers;
import static io.cairn.ops.replication.HarborApi.created;
import static io.cairn.ops.replication.HarborApi.ids;
import static io.cairn.ops.replication.HarborApi.json;
import static io.cairn.ops.replication.HarborApi.refused;
import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEndpointCreated;
import io.cairn.events.RegistryEndpointUpdated;
import io.cairn.events.RegistryEvent;
import io.cairn.ops.bench.PeerRegistry;
import io.cairn.ops.testing.HarborSchema;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import io.cairn.ops.testing.Unreadable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, 2 (registry endpoints): Harbor's {@code /api/v2.0/registries} API on a real Cairn, its
 * ping against a real {@code docker-registry} and a second real Cairn, the endpoints' passwords
 * absent from every topic and answer, and the endpoints kept through a rebuild from the log.
 */
@ExtendWith(SharedKafka.class)
class RegistryEndpointsTest {
  private static final String API = "/api/v2.0/registries";

  @TempDir static Path dir;
  static TestCairn cairn;
  static TestCairn peer;
  static PeerRegistry plain;

  @BeforeAll
  static void start() throws Exception {
    cairn = TestCairn.start(dir.resolve("cairn"));
    peer = TestCairn.start(dir.resolve("peer"));
    plain = PeerRegistry.start(dir.resolve("plain"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {plain, peer, cairn}) {
      if (part != null) {
        part.close();
      }
    }
  }

  @Test
  void harborsRegistryApiRoundTripsForAdministratorsOnly() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    long a = create(admin, registry("crud-a", "docker-registry", plain.url()));
    long b =
        create(
            admin,
            registry("crud-b", "cairn", peer.url() + "/")
                .put("credential", basic("admin", Login.ADMIN.secret())));
    long c = create(admin, registry("crud-c", "cairn", "https://c.example:8443"));

    JsonObject got = json(admin.get(API + "/" + b));
    assertEquals(b, got.getLong("id"));
    assertEquals("cairn", got.getString("type"));
    assertEquals(peer.url(), got.getString("url"), "without the trailing slash");
    assertEquals(
        new JsonObject()
            .put("type", "basic")
            .put("access_key", "admin")
            .put("access_secret", "*****"),
        got.getJsonObject("credential"));
    assertEquals(
        "", json(admin.get(API + "/" + a)).getJsonObject("credential").getString("access_key"));
    if (HarborSchema.available()) {
      HarborSchema schema = HarborSchema.load();
      schema.check("Registry", got);
      schema.check("RegistryInfo", json(admin.get(API + "/" + b + "/info")));
    }

    // Paging and filters, as Harbor's other lists.
    HttpResponse<String> first = admin.get(API + "?q=name%3D~crud-&page=1&page_size=2");
    expect(200, first);
    assertEquals("3", first.headers().firstValue("X-Total-Count").orElseThrow());
    assertTrue(first.headers().firstValue("Link").orElseThrow().contains("rel=\"next\""));
    assertEquals(List.of(a, b), ids(first));
    assertEquals(List.of(c), ids(admin.get(API + "?q=name%3D~crud-&page=2&page_size=2")));
    assertEquals(List.of(b), ids(admin.get(API + "?name=crud-b")));
    assertEquals(List.of(c, b, a), ids(admin.get(API + "?q=name%3D~crud-&sort=-id")));

    // A partial update: the rest, the password included, stays.
    expect(200, admin.put(API + "/" + b, new JsonObject().put("description", "the peer").encode()));
    JsonObject updated = json(admin.get(API + "/" + b));
    assertEquals("the peer", updated.getString("description"));
    assertEquals("crud-b", updated.getString("name"));
    expect(200, ping(admin, new JsonObject().put("id", b)));

    JsonObject info = json(admin.get(API + "/" + a + "/info"));
    assertEquals("docker-registry", info.getString("type"));
    assertEquals(4, info.getJsonArray("supported_resource_filters").size());
    assertEquals(
        new JsonArray().add("manual").add("scheduled").add("event_based"),
        info.getJsonArray("supported_triggers"));
    assertEquals(
        new JsonArray().add("cairn").add("docker-registry"),
        new JsonArray(admin.get("/api/v2.0/replication/adapters").body()));
    JsonObject adapterInfos = json(admin.get("/api/v2.0/replication/adapterinfos"));
    assertEquals(
        "EndpointPatternTypeStandard",
        adapterInfos
            .getJsonObject("docker-registry")
            .getJsonObject("endpoint_pattern")
            .getString("endpoint_type"));

    // Deleted: gone, and its id is not given again.
    expect(200, admin.delete(API + "/" + c));
    refused(404, "NOT_FOUND", admin.get(API + "/" + c));
    long d = create(admin, registry("crud-c", "docker-registry", plain.url()));
    assertTrue(d > c, d + " after " + c);

    badInput(admin, a, b);
    refusedToOthers(admin);
  }

  private static void badInput(RegistryClient admin, long a, long b) throws Exception {
    refused(409, "CONFLICT", admin.post(API, registry("crud-a", "cairn", "http://x").encode()));
    refused(
        409, "CONFLICT", admin.put(API + "/" + b, new JsonObject().put("name", "crud-a").encode()));
    refused(400, "BAD_REQUEST", admin.post(API, registry("bad", "harbor", "http://x").encode()));
    refused(400, "BAD_REQUEST", admin.post(API, registry("bad", "cairn", "ftp://x").encode()));
    refused(400, "BAD_REQUEST", admin.post(API, registry("bad", "cairn", "http://").encode()));
    refused(400, "BAD_REQUEST", admin.post(API, registry("", "cairn", "http://x").encode()));
    refused(
        400,
        "BAD_REQUEST",
        admin.post(API, registry("x".repeat(256), "cairn", "http://x").encode()));
    refused(400, "BAD_REQUEST", admin.post(API, "{\"name\": \"bad\","));
    refused(400, "BAD_REQUEST", admin.post(API, "[]"));
    refused(
        400,
        "BAD_REQUEST",
        admin.post(
            API,
            registry("bad", "cairn", "http://x")
                .put("credential", new JsonObject().put("type", "oauth").put("access_key", "k"))
                .encode()));
    refused(
        400, "BAD_REQUEST", admin.put(API + "/" + a, new JsonObject().put("url", "x").encode()));
    refused(400, "BAD_REQUEST", admin.get(API + "/abc"));
    refused(400, "BAD_REQUEST", admin.get(API + "?page_size=1000"));
    refused(400, "BAD_REQUEST", admin.get(API + "?q=colour%3Dred"));
    refused(400, "BAD_REQUEST", ping(admin, new JsonObject().put("type", "cairn")));
    for (String path : List.of(API + "/999999", API + "/999999/info")) {
      refused(404, "NOT_FOUND", admin.get(path));
    }
    refused(404, "NOT_FOUND", admin.put(API + "/999999", "{}"));
    refused(404, "NOT_FOUND", admin.delete(API + "/999999"));
    refused(404, "NOT_FOUND", ping(admin, new JsonObject().put("id", 999999)));
  }

  /** Harbor lets only system administrators near registries. */
  private static void refusedToOthers(RegistryClient admin) throws Exception {
    asOthers(
        admin,
        (other, status, code) -> {
          refused(status, code, other.get(API));
          refused(status, code, other.get(API + "/1"));
          refused(status, code, other.post(API, registry("theirs", "cairn", "http://x").encode()));
          refused(status, code, other.delete(API + "/1"));
          refused(
              status,
              code,
              ping(other, new JsonObject().put("type", "cairn").put("url", plain.url())));
          refused(status, code, other.get("/api/v2.0/replication/adapters"));
        });
  }

  @Test
  void pingsRealRegistriesAndKeepsPasswordsSealedThroughARebuild() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    String wrong = "Wrong-Passw0rd-" + UUID.randomUUID();
    String unused = "Unused-Passw0rd-" + UUID.randomUUID();

    // docker-registry: anonymous; given credentials, it does not ask for them.
    expect(
        200, ping(admin, new JsonObject().put("type", "docker-registry").put("url", plain.url())));
    expect(
        200,
        ping(
            admin,
            new JsonObject()
                .put("type", "docker-registry")
                .put("url", plain.url())
                .put("access_key", "u")
                .put("access_secret", unused)));
    // Another Cairn: the token flow with the admin's password, and a 400 saying why without it.
    JsonObject toPeer =
        new JsonObject().put("type", "cairn").put("url", peer.url()).put("access_key", "admin");
    expect(200, ping(admin, toPeer.copy().put("access_secret", Login.ADMIN.secret())));
    assertReason(
        ping(admin, toPeer.copy().put("access_secret", wrong)), "rejected the credentials");
    int closed = freePort();
    assertReason(
        ping(admin, new JsonObject().put("type", "cairn").put("url", "http://127.0.0.1:" + closed)),
        "cannot reach");
    assertReason(
        ping(
            admin,
            new JsonObject()
                .put("type", "docker-registry")
                .put("url", "https://127.0.0.1:" + plain.port())),
        "TLS");

    long target =
        create(
            admin,
            registry("peer-" + UUID.randomUUID(), "cairn", peer.url())
                .put("credential", basic("admin", Login.ADMIN.secret())));
    long other =
        create(
            admin,
            registry("plain-" + UUID.randomUUID(), "docker-registry", plain.url())
                .put("credential", basic("u", unused)));
    expect(200, ping(admin, new JsonObject().put("id", target)));
    assertReason(
        ping(admin, new JsonObject().put("id", target).put("access_secret", wrong)), "rejected");
    // A new password for the same user replaces the old one; the mask keeps it.
    expect(
        200, admin.put(API + "/" + other, new JsonObject().put("access_secret", wrong).encode()));
    expect(
        200,
        admin.put(API + "/" + target, new JsonObject().put("access_secret", "*****").encode()));
    expect(200, ping(admin, new JsonObject().put("id", target)));

    Unreadable unreadable = new Unreadable().add(wrong, unused, Login.ADMIN.secret());
    assertSealed(unreadable);
    String marker = cairn.config().applicationId().substring("cairn-test".length());
    assertTrue(unreadable.assertAbsentFromTopics(SharedKafka.superUser(), marker) > 10);
    unreadable.assertAbsent("the list", admin.get(API + "?page_size=100").body());
    unreadable.assertAbsent("one", admin.get(API + "/" + target).body());

    cairn = cairn.rebuild();
    admin = new RegistryClient(cairn.url());
    assertEquals(peer.url(), json(admin.get(API + "/" + target)).getString("url"));
    assertEquals(
        "u",
        json(admin.get(API + "/" + other)).getJsonObject("credential").getString("access_key"));
    expect(200, ping(admin, new JsonObject().put("id", target)));
    long next = create(admin, registry("after-" + UUID.randomUUID(), "cairn", peer.url()));
    assertTrue(next > other, "ids go on after a rebuild: " + next);
  }

  /** Every endpoint event holds its password sealed, as an audit consumer decodes it. */
  private static void assertSealed(Unreadable unreadable) {
    List<String> stored = new ArrayList<>();
    for (RegistryEvent event :
        TestClients.registryEvents(cairn.audit(), cairn.config().topics().events(), cairn.url())) {
      unreadable.assertAbsent("event " + event.getEventId(), event.toString());
      if (event.getPayload() instanceof RegistryEndpointCreated e && e.getAccessSecret() != null) {
        stored.add(e.getAccessSecret());
        assertEquals("", event.getProject());
      } else if (event.getPayload() instanceof RegistryEndpointUpdated e
          && e.getAccessSecret() != null) {
        stored.add(e.getAccessSecret());
      }
    }
    assertTrue(stored.size() >= 4, stored::toString);
    stored.forEach(s -> assertTrue(s.startsWith("sealed-v1$"), s));
  }

  private static JsonObject registry(String name, String type, String url) {
    return new JsonObject()
        .put("name", name)
        .put("type", type)
        .put("url", url)
        .put("insecure", false);
  }

  private static JsonObject basic(String user, String password) {
    return new JsonObject()
        .put("type", "basic")
        .put("access_key", user)
        .put("access_secret", password);
  }

  private static long create(RegistryClient admin, JsonObject body) throws Exception {
    return created(admin.post(API, body.encode()), API);
  }

  private static HttpResponse<String> ping(RegistryClient client, JsonObject body)
      throws Exception {
    return client.post(API + "/ping", body.encode());
  }

  private static void assertReason(HttpResponse<String> response, String reason) {
    refused(400, "BAD_REQUEST", response);
    String message =
        new JsonObject(response.body())
            .getJsonArray("errors")
            .getJsonObject(0)
            .getString("message");
    assertTrue(message.contains(reason), message);
  }

  /** A loopback port nothing listens on (as far as anyone can tell). */
  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

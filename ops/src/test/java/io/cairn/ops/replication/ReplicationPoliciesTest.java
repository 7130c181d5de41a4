package io.cairn.ops.replication;

import static io.cairn.ops.replication.HarborApi.asOthers;
import static io.cairn.ops.replication.HarborApi.assertHarborShape;
import static io.cairn.ops.replication.HarborApi.created;
import static io.cairn.ops.replication.HarborApi.ids;
import static io.cairn.ops.replication.HarborApi.json;
import static io.cairn.ops.replication.HarborApi.policy;
import static io.cairn.ops.replication.HarborApi.refused;
import static io.cairn.ops.replication.HarborApi.suffix;
import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEvent;
import io.cairn.events.ReplicationPolicyCreated;
import io.cairn.events.ReplicationPolicyDeleted;
import io.cairn.events.ReplicationPolicyUpdated;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, 2 (replication policies): Harbor's {@code /api/v2.0/replication/policies} API on a real
 * Cairn, its answers checked against Harbor's own definitions, every refusal, the 412 for a
 * registry a policy uses, and the policies kept through a rebuild from the log.
 */
@ExtendWith(SharedKafka.class)
class ReplicationPoliciesTest {
  private static final String API = "/api/v2.0/replication/policies";
  private static final String REGISTRIES = "/api/v2.0/registries";

  /** What this Cairn calls itself, and so what a policy shows as its local side. */
  private static final String EXTERNAL_URL = "https://registry.example.com";

  @TempDir static Path dir;
  static TestCairn cairn;

  @BeforeAll
  static void start() throws Exception {
    cairn = TestCairn.start(dir.resolve("cairn"), c -> c.withExternalUrl(EXTERNAL_URL + "/"));
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void harborsPolicyApiRoundTripsForAdministratorsOnly() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    long peer = registry(admin, "peer-" + suffix(), "cairn", "http://peer.example:5000", true);
    long plain =
        registry(admin, "plain-" + suffix(), "docker-registry", "http://plain:5000", false);

    JsonArray filters =
        new JsonArray()
            .add(filter("name", "library/**", "matches"))
            .add(filter("tag", "v*", "excludes"))
            .add(new JsonObject().put("type", "label").put("value", new JsonArray().add("prod")))
            .add(filter("resource", "image", "matches"));
    JsonObject pushBody =
        policy("crud-push", "dest_registry", peer)
            .put("description", "to the peer")
            .put("dest_namespace", "mirror")
            .put("dest_namespace_replace_count", 1)
            .put("trigger", new JsonObject().put("type", "event_based"))
            .put("filters", filters)
            .put("replicate_deletion", true)
            .put("override", false)
            .put("speed", 2048)
            .put("copy_by_chunk", true);
    long push = create(admin, pushBody);
    long pull =
        create(
            admin,
            policy("crud-pull", "src_registry", plain)
                .put("trigger", trigger("scheduled", "0 0 3 * * *"))
                .put("deletion", true));

    JsonObject got = json(admin.get(API + "/" + push));
    assertEquals(push, got.getLong("id"));
    assertEquals("crud-push", got.getString("name"));
    assertEquals("to the peer", got.getString("description"));
    assertEquals(json(admin.get(REGISTRIES + "/" + peer)), got.getJsonObject("dest_registry"));
    assertEquals(
        "*****",
        got.getJsonObject("dest_registry").getJsonObject("credential").getString("access_secret"));
    assertEquals(
        new JsonObject()
            .put("id", 0)
            .put("name", "Local")
            .put("type", "cairn")
            .put("url", EXTERNAL_URL),
        got.getJsonObject("src_registry"));
    assertEquals("mirror", got.getString("dest_namespace"));
    assertEquals(1, got.getInteger("dest_namespace_replace_count"));
    assertEquals("event_based", got.getJsonObject("trigger").getString("type"));
    assertEquals(filters, got.getJsonArray("filters"));
    assertEquals(true, got.getBoolean("replicate_deletion"));
    assertEquals(true, got.getBoolean("deletion"));
    assertEquals(false, got.getBoolean("override"));
    assertEquals(true, got.getBoolean("enabled"));
    assertEquals(2048, got.getInteger("speed"));
    assertEquals(true, got.getBoolean("copy_by_chunk"));
    JsonObject pulled = json(admin.get(API + "/" + pull));
    assertEquals(plain, pulled.getJsonObject("src_registry").getLong("id"));
    assertEquals(0, pulled.getJsonObject("dest_registry").getLong("id"));
    assertEquals(
        "0 0 3 * * *",
        pulled.getJsonObject("trigger").getJsonObject("trigger_settings").getString("cron"));
    assertEquals(true, pulled.getBoolean("replicate_deletion"), "Harbor's deprecated deletion");
    assertEquals(-1, pulled.getInteger("dest_namespace_replace_count"));
    assertEquals(-1, pulled.getInteger("speed"));
    assertEquals(true, pulled.getBoolean("override"));
    assertPolicyShape(got);
    assertPolicyShape(pulled);

    // Paging, filters and order, as Harbor's other lists.
    long third = create(admin, policy("crud-third", "dest_registry", plain));
    HttpResponse<String> first = admin.get(API + "?q=name%3D~crud-&page=1&page_size=2");
    expect(200, first);
    assertEquals("3", first.headers().firstValue("X-Total-Count").orElseThrow());
    assertTrue(first.headers().firstValue("Link").orElseThrow().contains("rel=\"next\""));
    assertEquals(List.of(push, pull), ids(first));
    assertEquals(List.of(third), ids(admin.get(API + "?q=name%3D~crud-&page=2&page_size=2")));
    assertEquals(List.of(pull), ids(admin.get(API + "?name=crud-pull")));
    assertEquals(List.of(third, pull, push), ids(admin.get(API + "?q=name%3D~crud-&sort=-id")));
    assertEquals(List.of(pull, push, third), ids(admin.get(API + "?q=name%3D~crud-&sort=name")));
    new JsonArray(admin.get(API + "?q=name%3D~crud-").body())
        .forEach(p -> assertPolicyShape((JsonObject) p));

    // A PUT carries the whole policy: what it leaves out takes its default.
    expect(
        200,
        admin.put(
            API + "/" + push,
            policy("crud-push", "dest_registry", plain)
                .put("trigger", trigger("scheduled", "0 */30 * * * *"))
                .put("enabled", false)
                .encode()));
    JsonObject updated = json(admin.get(API + "/" + push));
    assertEquals(plain, updated.getJsonObject("dest_registry").getLong("id"));
    assertEquals("scheduled", updated.getJsonObject("trigger").getString("type"));
    assertEquals(false, updated.getBoolean("enabled"));
    assertEquals("", updated.getString("description"));
    assertEquals(new JsonArray(), updated.getJsonArray("filters"));
    assertEquals(true, updated.getBoolean("override"));
    assertEquals(got.getString("creation_time"), updated.getString("creation_time"));
    assertTrue(updated.getString("update_time").compareTo(got.getString("update_time")) >= 0);

    // Deleted: gone, and its id is not given again.
    expect(200, admin.delete(API + "/" + third));
    refused(404, "NOT_FOUND", admin.get(API + "/" + third));
    long again = create(admin, policy("crud-third", "dest_registry", plain));
    assertTrue(again > third, again + " after " + third);

    badInput(admin, push, peer);
    refusedToOthers(admin, push);
  }

  private static void badInput(RegistryClient admin, long push, long peer) throws Exception {
    refused(409, "CONFLICT", admin.post(API, policy("crud-pull", "dest_registry", peer).encode()));
    refused(
        409,
        "CONFLICT",
        admin.put(API + "/" + push, policy("crud-pull", "dest_registry", peer).encode()));
    List<JsonObject> bodies =
        List.of(
            new JsonObject().put("name", "bad"),
            policy("bad", "dest_registry", peer)
                .put("src_registry", new JsonObject().put("id", peer)),
            policy("bad", "dest_registry", peer).put("name", ""),
            policy("bad", "dest_registry", peer).put("trigger", trigger("scheduled", "0 0 * * *")),
            policy("bad", "dest_registry", peer)
                .put("trigger", trigger("scheduled", "* * * * * *")),
            policy("bad", "dest_registry", peer).put("trigger", trigger("scheduled", null)),
            policy("bad", "dest_registry", peer).put("trigger", trigger("hourly", null)),
            policy("bad", "src_registry", peer).put("trigger", trigger("event_based", null)),
            policy("bad", "dest_registry", peer)
                .put("filters", new JsonArray().add(filter("colour", "red", "matches"))),
            policy("bad", "dest_registry", peer)
                .put("filters", new JsonArray().add(filter("name", "x", "maybe"))),
            policy("bad", "dest_registry", peer)
                .put("filters", new JsonArray().add(filter("name", "lib/[", "matches"))),
            policy("bad", "dest_registry", peer).put("filters", "name=x"),
            policy("bad", "dest_registry", peer).put("dest_namespace", "Upper/Case"),
            policy("bad", "dest_registry", peer).put("dest_namespace_replace_count", -2),
            policy("bad", "dest_registry", peer).put("speed", -5),
            policy("bad", "dest_registry", peer).put("override", "yes"),
            policy("bad", "dest_registry", peer)
                .put("dest_registry", new JsonObject().put("id", "x")));
    for (JsonObject body : bodies) {
      refused(400, "BAD_REQUEST", admin.post(API, body.encode()));
      refused(400, "BAD_REQUEST", admin.put(API + "/" + push, body.encode()));
    }
    HttpResponse<String> unknown = admin.post(API, policy("bad", "dest_registry", 999999).encode());
    refused(400, "BAD_REQUEST", unknown);
    assertTrue(unknown.body().contains("registry 999999 not found"), unknown.body());
    refused(400, "BAD_REQUEST", admin.post(API, "{\"name\": \"bad\","));
    refused(400, "BAD_REQUEST", admin.post(API, "[]"));
    refused(400, "BAD_REQUEST", admin.get(API + "/abc"));
    refused(400, "BAD_REQUEST", admin.get(API + "?page_size=1000"));
    refused(400, "BAD_REQUEST", admin.get(API + "?q=colour%3Dred"));
    refused(400, "BAD_REQUEST", admin.get(API + "?sort=colour"));
    refused(404, "NOT_FOUND", admin.get(API + "/999999"));
    refused(
        404, "NOT_FOUND", admin.put(API + "/999999", policy("x", "dest_registry", peer).encode()));
    refused(404, "NOT_FOUND", admin.delete(API + "/999999"));
  }

  /** Harbor lets only system administrators near policies. */
  private static void refusedToOthers(RegistryClient admin, long push) throws Exception {
    String body = policy("theirs", "dest_registry", 1).encode();
    asOthers(
        admin,
        (other, status, code) -> {
          refused(status, code, other.get(API));
          refused(status, code, other.get(API + "/" + push));
          refused(status, code, other.post(API, body));
          refused(status, code, other.put(API + "/" + push, body));
          refused(status, code, other.delete(API + "/" + push));
        });
    expect(200, admin.get(API + "/" + push));
  }

  @Test
  void aUsedRegistryStaysAndPoliciesSurviveARebuild() throws Exception {
    RegistryClient admin = new RegistryClient(cairn.url());
    long target = registry(admin, "target-" + suffix(), "docker-registry", "http://t:5000", false);
    long source = registry(admin, "source-" + suffix(), "cairn", "http://s:5000", false);
    String pushName = "keep-push-" + suffix();
    long push =
        create(
            admin,
            policy(pushName, "dest_registry", target)
                .put("filters", new JsonArray().add(filter("tag", "release-*", "matches"))));
    long pull =
        create(
            admin,
            policy("keep-pull-" + suffix(), "src_registry", source)
                .put("trigger", trigger("scheduled", "0 15 2 * * MON-FRI")));

    // Harbor's rule: a registry that a policy names, on either side, cannot go.
    for (long used : List.of(target, source)) {
      HttpResponse<String> refusal = admin.delete(REGISTRIES + "/" + used);
      refused(412, "VIOLATE_FOREIGN_KEY_CONSTRAINT", refusal);
      assertTrue(refusal.body().contains("replication policies"), refusal.body());
      expect(200, admin.get(REGISTRIES + "/" + used));
    }

    JsonObject before = json(admin.get(API + "/" + push));
    JsonObject pullBefore = json(admin.get(API + "/" + pull));
    long gone = create(admin, policy("gone-" + suffix(), "dest_registry", target));
    expect(200, admin.delete(API + "/" + gone));

    assertOnTheAuditStream(push, gone);
    cairn = cairn.rebuild();
    admin = new RegistryClient(cairn.url());
    assertEquals(before, json(admin.get(API + "/" + push)));
    assertEquals(pullBefore, json(admin.get(API + "/" + pull)));
    refused(404, "NOT_FOUND", admin.get(API + "/" + gone));
    long next = create(admin, policy("after-" + suffix(), "dest_registry", target));
    assertTrue(next > gone, "ids go on after a rebuild: " + next);
    refused(412, "VIOLATE_FOREIGN_KEY_CONSTRAINT", admin.delete(REGISTRIES + "/" + target));

    // Once no policy names it, the registry may go.
    for (long id : List.of(push, next)) {
      expect(200, admin.delete(API + "/" + id));
    }
    expect(200, admin.delete(REGISTRIES + "/" + target));
    refused(412, "VIOLATE_FOREIGN_KEY_CONSTRAINT", admin.delete(REGISTRIES + "/" + source));
  }

  /** Policies are registry-wide events an audit consumer reads, filters as JSON text. */
  private static void assertOnTheAuditStream(long push, long gone) {
    List<String> seen = new ArrayList<>();
    for (RegistryEvent event :
        TestClients.registryEvents(cairn.audit(), cairn.config().topics().events(), cairn.url())) {
      Object payload = event.getPayload();
      if (payload instanceof ReplicationPolicyCreated p) {
        assertEquals("", event.getProject());
        if (p.getPolicyId() == push) {
          assertEquals(
              new JsonArray().add(filter("tag", "release-*", "matches")),
              new JsonArray(p.getFilters()));
        }
        seen.add("created " + p.getPolicyId());
      } else if (payload instanceof ReplicationPolicyUpdated p) {
        seen.add("updated " + p.getPolicyId());
      } else if (payload instanceof ReplicationPolicyDeleted p) {
        seen.add("deleted " + p.getPolicyId());
      }
    }
    assertTrue(seen.contains("created " + push), seen::toString);
    assertTrue(seen.contains("deleted " + gone), seen::toString);
  }

  /** The answer against Harbor's definitions, the nested ones included. */
  private static void assertPolicyShape(JsonObject policy) {
    assertHarborShape("ReplicationPolicy", policy);
    assertHarborShape("Registry", policy.getJsonObject("src_registry"));
    assertHarborShape("Registry", policy.getJsonObject("dest_registry"));
    assertHarborShape("ReplicationTrigger", policy.getJsonObject("trigger"));
    assertHarborShape(
        "ReplicationTriggerSettings",
        policy.getJsonObject("trigger").getJsonObject("trigger_settings"));
    policy
        .getJsonArray("filters")
        .forEach(f -> assertHarborShape("ReplicationFilter", (JsonObject) f));
  }

  private static JsonObject trigger(String type, String cron) {
    JsonObject trigger = new JsonObject().put("type", type);
    if (cron != null) {
      trigger.put("trigger_settings", new JsonObject().put("cron", cron));
    }
    return trigger;
  }

  private static JsonObject filter(String type, String value, String decoration) {
    return new JsonObject().put("type", type).put("value", value).put("decoration", decoration);
  }

  private static long registry(
      RegistryClient admin, String name, String type, String url, boolean withCredential)
      throws Exception {
    JsonObject body = new JsonObject().put("name", name).put("type", type).put("url", url);
    if (withCredential) {
      body.put(
          "credential",
          new JsonObject()
              .put("type", "basic")
              .put("access_key", "admin")
              .put("access_secret", "Some-Passw0rd"));
    }
    return created(admin.post(REGISTRIES, body.encode()), REGISTRIES);
  }

  private static long create(RegistryClient admin, JsonObject body) throws Exception {
    return created(admin.post(API, body.encode()), API);
  }
}

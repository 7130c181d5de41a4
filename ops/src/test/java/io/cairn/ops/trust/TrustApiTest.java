package io.cairn.ops.trust;

import static io.cairn.ops.testing.RegistryClient.expect;
import static io.cairn.ops.trust.TrustRequests.key;
import static io.cairn.ops.trust.TrustRequests.keyBody;
import static io.cairn.ops.trust.TrustRequests.keys;
import static io.cairn.ops.trust.TrustRequests.policy;
import static io.cairn.ops.trust.TrustRequests.policyDocument;
import static io.cairn.ops.trust.TrustRequests.storeBody;
import static io.cairn.ops.trust.TrustRequests.stores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.ActorKind;
import io.cairn.events.CosignKeyAdded;
import io.cairn.events.RegistryEvent;
import io.cairn.ops.testing.TestClients;
import io.cairn.ops.trust.TestCertificates.Issued;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-project trust-material API over real HTTP: Cosign keys, Notation trust stores and the
 * Notation trust policy are added, read and removed as events, each change moving the project's
 * trust generation on; bad input is a 400 that stores nothing. Who may do what is {@link
 * TrustApiAccessTest}'s.
 */
class TrustApiTest extends TrustApiSuite {
  /** The project every bad-input test aims at; it holds a key, a store and a policy. */
  static final String REJECTS = "trust-rejects";

  @BeforeAll
  static void rejects() throws Exception {
    accounts.project(REJECTS, false);
    expect(201, admin.post(keys(REJECTS), keyBody("keyA", keyA)));
    expect(201, admin.post(stores(REJECTS), storeBody("acme", "ca", root.pem())));
    expect(200, admin.put(policy(REJECTS), policyDocument("ca:acme")));
  }

  @Test
  void cosignKeysAreAddedListedReadAndRemoved() throws Exception {
    String project = newProject();
    HttpResponse<String> created = admin.post(keys(project), keyBody("keyA", keyA));
    expect(201, created);
    assertEquals(
        "/api/v2.0/projects/" + project + "/trust/cosign-keys/keyA",
        created.headers().firstValue("Location").orElseThrow());
    assertEquals(1, trust().generation(project));
    expect(201, admin.post(keys(project), keyBody("keyB", keyB)));
    assertEquals(2, trust().generation(project));

    HttpResponse<String> list = admin.get(keys(project));
    expect(200, list);
    assertEquals("2", list.headers().firstValue("X-Total-Count").orElseThrow());
    JsonArray entries = new JsonArray(list.body());
    assertEquals(List.of("keyA", "keyB"), names(entries));
    JsonObject first = entries.getJsonObject(0);
    assertEquals(KEY_A_FINGERPRINT, first.getString("fingerprint"));
    assertEquals(keyA, first.getString("public_key"));
    assertTrue(first.getString("creation_time").matches(TIME), first::encode);
    assertEquals(4, first.size(), first::encode);

    HttpResponse<String> one = admin.get(keys(project) + "/keyA");
    expect(200, one);
    assertEquals(first, new JsonObject(one.body()));

    expect(200, admin.delete(keys(project) + "/keyA"));
    assertEquals(3, trust().generation(project));
    assertEquals(List.of("keyB"), names(new JsonArray(admin.get(keys(project)).body())));
    expectError(404, "NOT_FOUND", "cosign key keyA not found", admin.get(keys(project) + "/keyA"));
    expectError(
        404, "NOT_FOUND", "cosign key keyA not found", admin.delete(keys(project) + "/keyA"));
    assertEquals(3, trust().generation(project));
  }

  @Test
  void aKeyIsStoredAsItsPemBlockOnly() throws Exception {
    String project = newProject();
    String annotated = "# signing key of the release pipeline\n" + keyA + "trailing words\n";
    expect(201, admin.post(keys(project), keyBody("release", annotated)));
    JsonObject entry = new JsonObject(admin.get(keys(project) + "/release").body());
    assertEquals(keyA, entry.getString("public_key"));
    assertEquals(KEY_A_FINGERPRINT, entry.getString("fingerprint"));
  }

  @Test
  void aNameOrAKeyTrustedAlreadyIsAConflict() throws Exception {
    String project = newProject();
    expect(201, admin.post(keys(project), keyBody("keyA", keyA)));
    expectError(409, "CONFLICT", "cosign key keyA already exists", postKey(project, "keyA", keyB));
    expectError(
        409,
        "CONFLICT",
        "(fingerprint " + KEY_A_FINGERPRINT + ") is already trusted as cosign key keyA",
        postKey(project, "again", keyA));
    assertEquals(1, trust().generation(project));
    assertEquals(List.of("keyA"), names(new JsonArray(admin.get(keys(project)).body())));
  }

  @Test
  void concurrentAddsOfOneNameMakeOneKey() throws Exception {
    String project = newProject();
    List<String> pems = List.of(keyA, keyB, key("wrong.pub"));
    ExecutorService pool = Executors.newFixedThreadPool(pems.size());
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (String pem : pems) {
        answers.add(pool.submit(() -> postKey(project, "release", pem)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        statuses.add(answer.get().statusCode());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
      assertEquals(2, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, trust().generation(project));
    assertEquals(List.of("release"), names(new JsonArray(admin.get(keys(project)).body())));
  }

  @Test
  void addingAKeyIsAnEventOfTheActor() throws Exception {
    String project = newProject();
    expect(201, admin.post(keys(project), keyBody("keyB", keyB)));
    List<RegistryEvent> added =
        TestClients.registryEvents(cairn.audit(), cairn.config().topics().events(), cairn.url())
            .stream()
            .filter(e -> project.equals(e.getProject()))
            .filter(e -> e.getPayload() instanceof CosignKeyAdded)
            .toList();
    assertEquals(1, added.size(), added::toString);
    RegistryEvent event = added.get(0);
    assertEquals(ActorKind.USER, event.getActor().getKind());
    assertEquals("admin", event.getActor().getName());
    assertNull(event.getRepository());
    CosignKeyAdded payload = (CosignKeyAdded) event.getPayload();
    assertEquals("keyB", payload.getName());
    assertEquals(keyB, payload.getPublicKeyPem());
    assertEquals(
        "0921fdcab73da8eadfbd9e48159a860e92e8f4b7dde605aeee9650141dd30c78",
        payload.getFingerprint());
  }

  @Test
  void trustStoresAreAddedListedReadAndRemoved() throws Exception {
    String project = newProject();
    Issued authority = TestCertificates.selfSignedLeaf("CN=Acme Signing Authority,O=Acme");
    HttpResponse<String> created = admin.post(stores(project), storeBody("acme", "ca", root.pem()));
    expect(201, created);
    assertEquals(
        "/api/v2.0/projects/" + project + "/trust/notation/certificates/acme",
        created.headers().firstValue("Location").orElseThrow());
    String bundle = root.pem() + authority.pem();
    expect(201, admin.post(stores(project), storeBody("bundle", "signingAuthority", bundle)));
    assertEquals(2, trust().generation(project));

    HttpResponse<String> list = admin.get(stores(project));
    expect(200, list);
    assertEquals("2", list.headers().firstValue("X-Total-Count").orElseThrow());
    assertEquals(List.of("acme", "bundle"), names(new JsonArray(list.body())));
    JsonObject entry = new JsonObject(admin.get(stores(project) + "/bundle").body());
    assertEquals("signingAuthority", entry.getString("store_type"));
    assertEquals(bundle, entry.getString("certificate"));
    assertEquals(
        new JsonArray().add(root.fingerprint()).add(authority.fingerprint()),
        entry.getJsonArray("fingerprints"));
    assertTrue(entry.getString("creation_time").matches(TIME), entry::encode);
    assertEquals(5, entry.size(), entry::encode);

    expectError(
        409,
        "CONFLICT",
        "trust store acme already exists",
        admin.post(stores(project), storeBody("acme", "ca", authority.pem())));
    expect(200, admin.delete(stores(project) + "/bundle"));
    assertEquals(3, trust().generation(project));
    expectError(
        404, "NOT_FOUND", "trust store bundle not found", admin.get(stores(project) + "/bundle"));
    expectError(
        404,
        "NOT_FOUND",
        "trust store bundle not found",
        admin.delete(stores(project) + "/bundle"));
    assertEquals(List.of("acme"), names(new JsonArray(admin.get(stores(project)).body())));
  }

  @Test
  void thePolicyNamesStoresAddedBeforeIt() throws Exception {
    String project = newProject();
    expectError(404, "NOT_FOUND", "has no Notation trust policy", admin.get(policy(project)));
    String document = policyDocument("ca:acme");
    expectError(
        400,
        "BAD_REQUEST",
        "names trust store ca:acme, which project " + project + " does not have",
        admin.put(policy(project), document));
    assertEquals(0, trust().generation(project));

    expect(201, admin.post(stores(project), storeBody("acme", "ca", root.pem())));
    expect(200, admin.put(policy(project), document));
    assertEquals(2, trust().generation(project));
    HttpResponse<String> stored = admin.get(policy(project));
    expect(200, stored);
    assertEquals(document, stored.body(), "the document as it was sent");
    assertEquals("application/json", stored.headers().firstValue("Content-Type").orElseThrow());

    expectError(
        409,
        "CONFLICT",
        "trust store ca:acme is named by trust policy statement 'images'",
        admin.delete(stores(project) + "/acme"));
    String skipping = policyDocument(null);
    expect(200, admin.put(policy(project), skipping));
    assertEquals(3, trust().generation(project));
    assertEquals(skipping, admin.get(policy(project)).body());
    expect(200, admin.delete(stores(project) + "/acme"));
    assertEquals(4, trust().generation(project));
  }

  @ParameterizedTest(name = "key: {0}")
  @MethodSource("io.cairn.ops.trust.TrustBadInputs#keys")
  void aBadKeyIsRefusedAndNothingIsStored(String why, String body, String message)
      throws Exception {
    String before = everything(REJECTS);
    expectError(400, "BAD_REQUEST", message, admin.post(keys(REJECTS), body));
    assertEquals(before, everything(REJECTS));
  }

  @ParameterizedTest(name = "store: {0}")
  @MethodSource("io.cairn.ops.trust.TrustBadInputs#stores")
  void aBadTrustStoreIsRefusedAndNothingIsStored(String why, String body, String message)
      throws Exception {
    String before = everything(REJECTS);
    expectError(400, "BAD_REQUEST", message, admin.post(stores(REJECTS), body));
    assertEquals(before, everything(REJECTS));
  }

  @ParameterizedTest(name = "policy: {0}")
  @MethodSource("io.cairn.ops.trust.TrustBadInputs#policies")
  void aBadPolicyIsRefusedAndNothingIsStored(String why, String document, String message)
      throws Exception {
    String before = everything(REJECTS);
    expectError(400, "BAD_REQUEST", message, admin.put(policy(REJECTS), document));
    assertEquals(before, everything(REJECTS));
  }
}

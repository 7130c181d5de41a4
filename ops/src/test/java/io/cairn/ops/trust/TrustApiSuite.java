package io.cairn.ops.trust;

import static io.cairn.ops.testing.RegistryClient.expect;
import static io.cairn.ops.trust.TrustRequests.key;
import static io.cairn.ops.trust.TrustRequests.keyBody;
import static io.cairn.ops.trust.TrustRequests.keys;
import static io.cairn.ops.trust.TrustRequests.policy;
import static io.cairn.ops.trust.TrustRequests.stores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.trust.TestCertificates.Issued;
import io.cairn.projection.TrustView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Cairn of their own for the trust-material API tests, the keys and CA they use, and their
 * helpers. Each test makes projects of its own.
 */
@ExtendWith(SharedKafka.class)
abstract class TrustApiSuite {
  static final String KEY_A_FINGERPRINT =
      "ee799e6edfab92123e942fccd2c6a12d6d0ce6ed2579e5ef8c2a9ac0800638f1";
  static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
  static final AtomicInteger PROJECTS = new AtomicInteger();

  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient admin;
  static Accounts accounts;
  static String keyA;
  static String keyB;
  static Issued root;

  @BeforeAll
  static void startCairn() throws Exception {
    cairn = TestCairn.start(dataDir);
    admin = new RegistryClient(cairn.url());
    accounts = new Accounts(admin);
    keyA = key("keyA.pub");
    keyB = key("keyB.pub");
    root = TestCertificates.rootCa("CN=Acme Root CA,O=Acme");
  }

  @AfterAll
  static void stopCairn() {
    if (cairn != null) {
      cairn.close();
    }
  }

  // ---- helpers

  static String newProject() throws Exception {
    return newProject(false);
  }

  static String newProject(boolean isPublic) throws Exception {
    String name = "trust-" + PROJECTS.incrementAndGet();
    accounts.project(name, isPublic);
    return name;
  }

  static TrustView trust() {
    return cairn.cairn().trust();
  }

  static HttpResponse<String> postKey(String project, String name, String pem) throws Exception {
    return admin.post(keys(project), keyBody(name, pem));
  }

  static List<String> names(JsonArray entries) {
    return entries.stream().map(e -> ((JsonObject) e).getString("name")).toList();
  }

  /** What the API and the view hold of a project's trust material, to compare before and after. */
  static String everything(String project) throws Exception {
    return trust().generation(project)
        + "\n"
        + admin.get(keys(project)).body()
        + "\n"
        + admin.get(stores(project)).body()
        + "\n"
        + admin.get(policy(project)).body();
  }

  static void expectError(int status, String code, String message, HttpResponse<String> response) {
    expect(status, response);
    JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    assertEquals(code, error.getString("code"), response::body);
    assertTrue(error.getString("message").contains(message), response::body);
  }
}

package io.cairn.ops.trust;

import static io.cairn.ops.testing.RegistryClient.expect;
import static io.cairn.ops.trust.TrustRequests.keyBody;
import static io.cairn.ops.trust.TrustRequests.keys;
import static io.cairn.ops.trust.TrustRequests.policy;
import static io.cairn.ops.trust.TrustRequests.policyDocument;
import static io.cairn.ops.trust.TrustRequests.storeBody;
import static io.cairn.ops.trust.TrustRequests.stores;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may touch a project's trust material: project admins change it, members read it, anyone reads
 * a public project's, and outsiders learn nothing about private projects.
 */
class TrustApiAccessTest extends TrustApiSuite {
  @Test
  void developersReadButOnlyProjectAdminsChange() throws Exception {
    String project = newProject();
    Login developer = accounts.user(project + "-dev");
    accounts.member(project, developer.name(), 2);
    expect(201, admin.post(keys(project), keyBody("keyA", keyA)));
    expect(201, admin.post(stores(project), storeBody("acme", "ca", root.pem())));
    expect(200, admin.put(policy(project), policyDocument("ca:acme")));
    RegistryClient dev = admin.as(developer);

    expectError(403, "DENIED", "denied", dev.post(keys(project), keyBody("keyB", keyB)));
    expectError(403, "DENIED", "denied", dev.delete(keys(project) + "/keyA"));
    expectError(
        403, "DENIED", "denied", dev.post(stores(project), storeBody("s", "ca", root.pem())));
    expectError(403, "DENIED", "denied", dev.delete(stores(project) + "/acme"));
    expectError(403, "DENIED", "denied", dev.put(policy(project), policyDocument(null)));
    assertEquals(3, trust().generation(project));

    expect(200, dev.get(keys(project)));
    expect(200, dev.get(keys(project) + "/keyA"));
    expect(200, dev.get(stores(project)));
    expect(200, dev.get(stores(project) + "/acme"));
    expect(200, dev.get(policy(project)));
  }

  @Test
  void outsidersLearnNothingAndAnonymousMustSignIn() throws Exception {
    String project = newProject();
    expect(201, admin.post(keys(project), keyBody("keyA", keyA)));
    RegistryClient outsider = admin.as(accounts.user(project + "-outsider"));
    String missing = "no-such-" + project;
    for (String path : List.of(keys("%s"), keys("%s") + "/keyA", stores("%s"), policy("%s"))) {
      HttpResponse<String> there = outsider.get(String.format(path, project));
      HttpResponse<String> nowhere = outsider.get(String.format(path, missing));
      expectError(403, "DENIED", "denied", there);
      assertEquals(
          nowhere.body().replace(missing, "{p}"),
          there.body().replace(project, "{p}"),
          "same answer whether or not the project exists, but for the name asked for");
      expectError(
          401, "UNAUTHORIZED", "sign in to ", admin.as(null).get(String.format(path, project)));
    }
    HttpResponse<String> add = outsider.post(keys(project), keyBody("keyB", keyB));
    expectError(403, "DENIED", "denied", add);
    assertEquals(
        outsider.post(keys(missing), keyBody("keyB", keyB)).body().replace(missing, "{p}"),
        add.body().replace(project, "{p}"));
    expectError(
        401,
        "UNAUTHORIZED",
        "sign in to ",
        admin.as(null).post(keys(project), keyBody("keyB", keyB)));
    expectError(404, "NOT_FOUND", "project " + missing + " not found", admin.get(keys(missing)));
    expectError(
        404, "NOT_FOUND", "project " + missing + " not found", postKey(missing, "keyA", keyA));
    assertEquals(1, trust().generation(project));
  }

  @Test
  void anyoneReadsThePublicKeysOfAPublicProject() throws Exception {
    String project = newProject(true);
    expect(201, admin.post(keys(project), keyBody("keyA", keyA)));
    HttpResponse<String> read = admin.as(null).get(keys(project));
    expect(200, read);
    assertEquals(List.of("keyA"), names(new JsonArray(read.body())));
    expectError(401, "UNAUTHORIZED", "sign in to ", admin.as(null).delete(keys(project) + "/keyA"));
  }
}

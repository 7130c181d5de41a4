package io.cairn.ops.accessories;

import static io.cairn.ops.accessories.AccessoriesTest.APP;
import static io.cairn.ops.accessories.AccessoriesTest.APP_SIG;
import static io.cairn.ops.accessories.AccessoriesTest.SIG_KEY_A;
import static io.cairn.ops.accessories.AccessoriesTest.SIG_KEY_A_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.HarborSchema;
import io.cairn.ops.testing.Referrers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Harbor's immutable tag rules on a real Cairn: the API, and what they protect with the cosign
 * fixtures — a protected tag is never moved or deleted, nor its artifact, nor a signature of it,
 * while signing goes on: a cosign re-sign that appends, and a Notation signature by subject.
 */
class ImmutableTagRulesTest extends AccessorySuite {
  private static final String MESSAGE =
      "Failed to process request due to '%s:%s' configured as immutable.";

  @Test
  void aProtectedTagIsNeitherMovedNorDeletedNorItsArtifactOrSignature() throws Exception {
    String repo = project("locked") + "/app";
    expect201(cosign.push(client, "app:v1", repo, "v1"));
    expect201(cosign.push(client, "app:" + APP_SIG, repo, APP_SIG));
    rule("locked", "**", "matches", "**", "repoMatches");

    HttpResponse<String> moved = cosign.push(client, "other:v1", repo, "v1");
    assertEquals(412, moved.statusCode(), moved::body);
    assertTrue(moved.body().contains("PRECONDITION"), moved::body);
    assertTrue(moved.body().contains(String.format(MESSAGE, repo, "v1")), moved::body);
    assertEquals(APP, digestOf(repo, "v1"), "v1 still names the image");

    assertEquals(412, client.delete("/v2/" + repo + "/manifests/v1").statusCode(), "the tag");
    assertEquals(412, client.delete("/v2/" + repo + "/manifests/" + APP).statusCode(), "by digest");
    String api = "/api/v2.0/projects/locked/repositories/app/artifacts/";
    assertEquals(412, client.delete(api + "v1").statusCode(), "through Harbor's API");
    assertEquals(412, client.delete(api + SIG_KEY_A).statusCode(), "its signature");
    assertEquals(412, client.delete("/v2/" + repo + "/manifests/" + APP_SIG).statusCode());

    JsonObject artifact = new JsonObject(client.get(api + "v1?with_tag=true").body());
    assertEquals(true, artifact.getJsonArray("tags").getJsonObject(0).getBoolean("immutable"));

    // pushing the same manifest under the tag again changes nothing, so it is allowed
    expect201(cosign.push(client, "app:v1", repo, "v1"));
  }

  @Test
  void signingGoesOnUnderACatchAllRuleButNoSignatureIsDropped() throws Exception {
    String repo = project("signing") + "/app";
    expect201(cosign.push(client, "app:v1", repo, "v1"));
    expect201(cosign.push(client, "app:" + APP_SIG, repo, APP_SIG)); // keyA
    rule("signing", "**", "matches", "**", "repoMatches");

    // cosign signs again by pushing its .sig tag with one more layer: allowed
    expect201(cosign.push(client, "variant/app-sig-keyA-keyB", repo, APP_SIG));
    assertEquals(SIG_KEY_A_B, digestOf(repo, APP_SIG));
    // going back to keyA alone would drop keyB's signature: refused
    HttpResponse<String> dropped = cosign.push(client, "app:" + APP_SIG, repo, APP_SIG);
    assertEquals(412, dropped.statusCode(), dropped::body);
    assertEquals(SIG_KEY_A_B, digestOf(repo, APP_SIG));
    // a Notation signature attaches by subject, moving no tag: allowed
    Referrers.push(client, repo, APP, "application/vnd.cncf.notary.signature", "jws");
  }

  @Test
  void selectorsChooseTagsAndRepositoriesAndADisabledRuleProtectsNothing() throws Exception {
    String project = project("chosen");
    long id = rule("chosen", "v*", "matches", "app", "repoMatches");
    expect201(cosign.push(client, "app:v1", project + "/app", "v1"));
    expect201(cosign.push(client, "app:v1", project + "/app", "latest"));
    expect201(cosign.push(client, "app:v1", project + "/other", "v1"));

    assertEquals(412, cosign.push(client, "other:v1", project + "/app", "v1").statusCode());
    expect201(cosign.push(client, "other:v1", project + "/app", "latest")); // not v*
    expect201(cosign.push(client, "other:v1", project + "/other", "v1")); // not that repository

    JsonObject disabled = ruleBody("v*", "matches", "app", "repoMatches").put("disabled", true);
    String path = "/api/v2.0/projects/chosen/immutabletagrules/" + id;
    assertEquals(200, client.put(path, disabled.encode()).statusCode());
    expect201(cosign.push(client, "other:v1", project + "/app", "v1"));
    assertEquals(200, client.delete(path).statusCode());
    assertEquals(404, client.delete(path).statusCode(), "gone");
  }

  @Test
  void rulesAreListedInHarborsShapeAndAtMostFifteenPerProject() throws Exception {
    project("listed");
    long first = rule("listed", "release-*", "excludes", "**", "repoMatches");
    HttpResponse<String> list = client.get("/api/v2.0/projects/listed/immutabletagrules");
    assertEquals(200, list.statusCode(), list::body);
    assertEquals("1", list.headers().firstValue("X-Total-Count").orElseThrow());
    JsonObject rule = new JsonArray(list.body()).getJsonObject(0);
    assertEquals(first, rule.getLong("id"));
    assertEquals("immutable", rule.getString("action"));
    assertEquals("immutable_template", rule.getString("template"));
    assertEquals(
        "excludes", rule.getJsonArray("tag_selectors").getJsonObject(0).getString("decoration"));
    assertEquals(
        "repoMatches",
        rule.getJsonObject("scope_selectors")
            .getJsonArray("repository")
            .getJsonObject(0)
            .getString("decoration"));
    if (HarborSchema.available()) {
      HarborSchema.load().check("ImmutableRule", rule);
    }
    for (int i = 2; i <= 15; i++) {
      rule("listed", "t" + i, "matches", "**", "repoMatches");
    }
    HttpResponse<String> sixteenth =
        client.post(
            "/api/v2.0/projects/listed/immutabletagrules",
            ruleBody("t16", "matches", "**", "repoMatches").encode());
    assertEquals(400, sixteenth.statusCode(), sixteenth::body);
    assertEquals(404, client.get("/api/v2.0/projects/nowhere/immutabletagrules").statusCode());
    assertEquals(
        404, client.delete("/api/v2.0/projects/listed/immutabletagrules/999").statusCode());
    assertEquals(
        400, client.delete("/api/v2.0/projects/listed/immutabletagrules/first").statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"tag_selectors\":[],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}]}",
        "{\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}],\"scope_selectors\":{\"repository\":[]}}",
        "{\"tag_selectors\":[{\"decoration\":\"sometimes\",\"pattern\":\"**\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}]}}",
        "{\"tag_selectors\":[{\"kind\":\"regexp\",\"decoration\":\"matches\",\"pattern\":\".*\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"[\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"action\":\"retain\",\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"disabled\":\"no\",\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}",
        "{\"tag_selectors\":[{\"decoration\":\"matches\",\"pattern\":\"**\"}],\"scope_selectors\":{\"repository\":[{\"decoration\":\"repoMatches\",\"pattern\":\"**\"}],\"label\":[]}}"
      })
  void aMalformedRuleIs400AndNothingIsWritten(String body) throws Exception {
    project("malformed");
    HttpResponse<String> reply =
        client.post("/api/v2.0/projects/malformed/immutabletagrules", body);
    assertEquals(400, reply.statusCode(), reply::body);
    assertEquals("[]", client.get("/api/v2.0/projects/malformed/immutabletagrules").body().strip());
  }

  // ---- helpers ----

  /** Creates project {@code name} once (the parameterized test asks again); returns the name. */
  private static String project(String name) throws Exception {
    if (client.get("/api/v2.0/projects/" + name).statusCode() == 404) {
      new Accounts(client).project(name, false);
    }
    return name;
  }

  private static JsonObject ruleBody(
      String tagPattern, String tagDecoration, String repoPattern, String repoDecoration) {
    return new JsonObject()
        .put("action", "immutable")
        .put("template", "immutable_template")
        .put(
            "tag_selectors",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("kind", "doublestar")
                        .put("decoration", tagDecoration)
                        .put("pattern", tagPattern)))
        .put(
            "scope_selectors",
            new JsonObject()
                .put(
                    "repository",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("kind", "doublestar")
                                .put("decoration", repoDecoration)
                                .put("pattern", repoPattern))));
  }

  /** Adds a rule to {@code project}; its id, from the Location. */
  private static long rule(
      String project,
      String tagPattern,
      String tagDecoration,
      String repoPattern,
      String repoDecoration)
      throws Exception {
    HttpResponse<String> reply =
        client.post(
            "/api/v2.0/projects/" + project + "/immutabletagrules",
            ruleBody(tagPattern, tagDecoration, repoPattern, repoDecoration).encode());
    assertEquals(201, reply.statusCode(), reply::body);
    String location = reply.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private static String digestOf(String repo, String tag) throws Exception {
    return client
        .getManifest(repo, tag)
        .headers()
        .firstValue("Docker-Content-Digest")
        .orElseThrow();
  }
}

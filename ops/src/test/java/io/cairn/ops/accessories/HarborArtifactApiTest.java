package io.cairn.ops.accessories;

import static io.cairn.ops.accessories.AccessoriesTest.APP;
import static io.cairn.ops.accessories.AccessoriesTest.APP_SIG;
import static io.cairn.ops.accessories.AccessoriesTest.OTHER;
import static io.cairn.ops.accessories.AccessoriesTest.SIG_KEY_A_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.HarborSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Harbor's repository and artifact reads: accessories hidden at top level, shown on request. */
class HarborArtifactApiTest extends AccessorySuite {
  static final String API = "/api/v2.0/projects/library/repositories";

  static String index;

  @BeforeAll
  static void seed() throws Exception {
    // library/shop: app:v1 signed (keyA+keyB), other:v1, and an index of both, tagged multi.
    String repo = "library/shop";
    assertEquals(201, cosign.push(client, "app:v1", repo, "v1").statusCode());
    assertEquals(201, cosign.push(client, "variant/app-sig-keyA-keyB", repo, APP_SIG).statusCode());
    assertEquals(201, cosign.push(client, "other:v1", repo, "other").statusCode());
    byte[] bytes =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json")
            .put("manifests", new JsonArray().add(descriptor(APP)).add(descriptor(OTHER)))
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put =
        client.putManifest(repo, "multi", "application/vnd.oci.image.index.v1+json", bytes);
    assertEquals(201, put.statusCode(), put::body);
    index = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    // The index is signed too: its children inherit that signature.
    String indexSig = "sha256-" + index.substring(7) + ".sig";
    assertEquals(
        201,
        cosign.push(client, "other:" + AccessoriesTest.OTHER_SIG, repo, indexSig).statusCode());
  }

  @Test
  void listsArtifactsWithoutAccessoriesAtTopLevel() throws Exception {
    HttpResponse<String> reply = client.get(API + "/shop/artifacts");
    assertEquals(200, reply.statusCode(), reply::body);
    JsonArray body = new JsonArray(reply.body());
    assertEquals("3", reply.headers().firstValue("X-Total-Count").orElseThrow());
    List<String> digests = body.stream().map(o -> ((JsonObject) o).getString("digest")).toList();
    assertEquals(List.of(index, OTHER, APP), digests, "newest first, no signature manifests");
    JsonObject app = body.getJsonObject(2);
    assertEquals("IMAGE", app.getString("type"));
    assertEquals("application/vnd.oci.image.config.v1+json", app.getString("media_type"));
    assertEquals("library/shop", app.getString("repository_name"));
    assertEquals(List.of("v1"), names(app.getJsonArray("tags")));
    assertFalse(app.containsKey("accessories"), "only with with_accessory=true");
    JsonObject multi = body.getJsonObject(0);
    assertEquals(2, multi.getJsonArray("references").size());
    if (HarborSchema.available()) {
      HarborSchema schema = HarborSchema.load();
      body.forEach(a -> schema.check("Artifact", (JsonObject) a));
      app.getJsonArray("tags").forEach(t -> schema.check("Tag", (JsonObject) t));
    }
  }

  @Test
  void withAccessoryInlinesTheSignatures() throws Exception {
    JsonArray body =
        new JsonArray(
            client.get(API + "/shop/artifacts?with_accessory=true&with_tag=false").body());
    JsonObject app = body.getJsonObject(2);
    assertFalse(app.containsKey("tags"));
    JsonArray accessories = app.getJsonArray("accessories");
    assertEquals(1, accessories.size());
    assertEquals(SIG_KEY_A_B, accessories.getJsonObject(0).getString("digest"));
    assertEquals("signature.cosign", accessories.getJsonObject(0).getString("type"));
    assertEquals(0, body.getJsonObject(1).getJsonArray("accessories").size());
  }

  @Test
  void oneArtifactByTagOrDigestWithInheritedAccessories() throws Exception {
    for (String reference : List.of("other", OTHER)) {
      HttpResponse<String> reply =
          client.get(
              API
                  + "/shop/artifacts/"
                  + reference
                  + "?with_accessory=true&with_inherited_accessory=true");
      assertEquals(200, reply.statusCode(), reply::body);
      JsonObject other = new JsonObject(reply.body());
      assertEquals(OTHER, other.getString("digest"));
      assertEquals(0, other.getJsonArray("accessories").size());
      JsonArray inherited = other.getJsonArray("inherited_accessories");
      assertEquals(1, inherited.size(), inherited::encode);
      assertEquals(index, inherited.getJsonObject(0).getString("subject_artifact_digest"));
    }
  }

  @Test
  void repositoriesOfAProject() throws Exception {
    assertEquals(201, cosign.push(client, "other:v1", "library/zoo/deep", "v1").statusCode());
    HttpResponse<String> reply = client.get(API);
    assertEquals(200, reply.statusCode(), reply::body);
    JsonArray body = new JsonArray(reply.body());
    List<String> names = body.stream().map(o -> ((JsonObject) o).getString("name")).toList();
    assertTrue(names.containsAll(List.of("library/shop", "library/zoo/deep")), names::toString);
    JsonObject shop =
        body.stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("name").equals("library/shop"))
            .findFirst()
            .orElseThrow();
    assertEquals(3, shop.getLong("artifact_count"));
    assertEquals(1, shop.getLong("project_id"));

    HttpResponse<String> one = client.get(API + "/zoo%252Fdeep");
    assertEquals(200, one.statusCode(), one::body);
    assertEquals("library/zoo/deep", new JsonObject(one.body()).getString("name"));
    if (HarborSchema.available()) {
      HarborSchema schema = HarborSchema.load();
      body.forEach(r -> schema.check("Repository", (JsonObject) r));
    }
    assertEquals(404, client.get(API + "/nothing-here").statusCode());
    assertEquals(404, client.get("/api/v2.0/projects/ghost/repositories").statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/shop/artifacts?page=0",
        "/shop/artifacts?with_tag=yes",
        "/shop/artifacts?q=tags%3D%5B1~2%5D",
        "/shop/artifacts?q=color%3Dred",
        "/shop/artifacts?sort=name",
        "/shop/artifacts/v1?with_accessory=1",
        "/shop/artifacts/-bad",
        "?page_size=1000"
      })
  void badParametersAre400(String path) throws Exception {
    HttpResponse<String> reply = client.get(API + path);
    assertEquals(400, reply.statusCode(), reply::body);
  }

  @Test
  void filtersAndSortsWithHarborsQAndSort() throws Exception {
    assertEquals(List.of(APP), digests(API + "/shop/artifacts?q=tags%3Dv1"));
    assertEquals(List.of(index), digests(API + "/shop/artifacts?q=tags%3D~ult"));
    assertEquals(List.of(OTHER, APP), digests(API + "/shop/artifacts?q=tags%3D%7Bother%20v1%7D"));
    assertEquals(List.of(APP, OTHER, index), digests(API + "/shop/artifacts?sort=push_time"));
    assertEquals(
        List.of(index),
        digests(
            API
                + "/shop/artifacts?q=manifest_media_type%3Dapplication/vnd.oci.image.index.v1%2Bjson"));
    assertEquals(
        List.of("library/shop"), names(API + "?q=name%3D~sho"), "repositories, fuzzy by name");
  }

  @Test
  void anUnknownArtifactIs404() throws Exception {
    HttpResponse<String> reply = client.get(API + "/shop/artifacts/nope");
    assertEquals(404, reply.statusCode());
    assertEquals(
        "NOT_FOUND",
        new JsonObject(reply.body()).getJsonArray("errors").getJsonObject(0).getString("code"));
  }

  private static JsonObject descriptor(String digest) {
    return new JsonObject()
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", digest)
        .put("size", 402);
  }

  private static List<String> digests(String path) throws Exception {
    HttpResponse<String> reply = client.get(path);
    assertEquals(200, reply.statusCode(), reply::body);
    return new JsonArray(reply.body())
        .stream().map(o -> ((JsonObject) o).getString("digest")).toList();
  }

  private static List<String> names(String path) throws Exception {
    HttpResponse<String> reply = client.get(path);
    assertEquals(200, reply.statusCode(), reply::body);
    return new JsonArray(reply.body())
        .stream().map(o -> ((JsonObject) o).getString("name")).toList();
  }

  private static List<String> names(JsonArray tags) {
    return tags.stream().map(t -> ((JsonObject) t).getString("name")).toList();
  }
}

package io.cairn.ops.accessories;

import static io.cairn.ops.accessories.AccessoriesTest.APP;
import static io.cairn.ops.accessories.AccessoriesTest.APP_SIG;
import static io.cairn.ops.accessories.AccessoriesTest.SIG_KEY_A_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.HarborSchema;
import io.cairn.ops.testing.Referrers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Harbor's accessory listing and artifact deletion, over HTTP, checked against Harbor's schema. */
class HarborAccessoryApiTest extends AccessorySuite {
  static final String API = "/api/v2.0/projects/library/repositories/";

  /** app:v1 signed by cosign (keyA+keyB), with a Harbor SBOM and a Notation signature. */
  private static List<String> signedApp(String repo) throws Exception {
    assertEquals(201, cosign.push(client, "app:v1", repo, "v1").statusCode());
    assertEquals(201, cosign.push(client, "variant/app-sig-keyA-keyB", repo, APP_SIG).statusCode());
    String sbom =
        Referrers.push(client, repo, APP, "application/vnd.goharbor.harbor.sbom.v1", "sbom");
    String notation =
        Referrers.push(client, repo, APP, "application/vnd.cncf.notary.signature", "jws");
    return List.of(SIG_KEY_A_B, sbom, notation);
  }

  @Test
  void listsTheAccessoriesOfAnArtifactInHarborsShape() throws Exception {
    String repo = "library/listed";
    List<String> accessories = signedApp(repo);
    for (String reference : List.of("v1", APP)) {
      HttpResponse<String> reply =
          client.get(API + "listed/artifacts/" + reference + "/accessories");
      assertEquals(200, reply.statusCode(), reply::body);
      assertEquals("3", reply.headers().firstValue("X-Total-Count").orElse(null));
      JsonArray body = new JsonArray(reply.body());
      assertEquals(
          accessories, body.stream().map(o -> ((JsonObject) o).getString("digest")).toList());
      JsonObject cosignEntry = body.getJsonObject(0);
      assertEquals("signature.cosign", cosignEntry.getString("type"));
      assertEquals(869, cosignEntry.getLong("size"));
      assertEquals(APP, cosignEntry.getString("subject_artifact_digest"));
      assertEquals(repo, cosignEntry.getString("subject_artifact_repo"));
      assertEquals(
          "sha256:20401d5b3a0f6dbc607c8d732eb08471af4ae6b19811a4efce8c6a724aed2882",
          cosignEntry.getString("icon"));
      assertEquals(
          java.util.Set.of("sbom.harbor", "signature.notation"),
          java.util.Set.of(
              body.getJsonObject(1).getString("type"), body.getJsonObject(2).getString("type")));
      if (HarborSchema.available()) {
        HarborSchema schema = HarborSchema.load();
        body.forEach(entry -> schema.check("Accessory", (JsonObject) entry));
      }
    }
  }

  @Test
  void pagesAndFiltersWithHarborsParameters() throws Exception {
    String repo = "library/paged";
    String notation = signedApp(repo).get(2);
    String base = API + "paged/artifacts/v1/accessories";
    List<String> accessories = digests(client.get(base + "?page_size=100"));

    HttpResponse<String> first = client.get(base + "?page=1&page_size=2");
    assertEquals(2, new JsonArray(first.body()).size());
    assertEquals("3", first.headers().firstValue("X-Total-Count").orElseThrow());
    String link = first.headers().firstValue("Link").orElseThrow();
    assertTrue(link.contains("page=2&page_size=2>; rel=\"next\""), link);
    assertFalse(link.contains("prev"), link);

    HttpResponse<String> second = client.get(base + "?page=2&page_size=2");
    assertEquals(accessories.subList(2, 3), digests(second));
    assertTrue(second.headers().firstValue("Link").orElseThrow().contains("rel=\"prev\""));

    assertEquals(List.of(), digests(client.get(base + "?page=9")));
    assertEquals(List.of(SIG_KEY_A_B), digests(client.get(base + "?q=type%3Dsignature.cosign")));
    assertEquals(List.of(SIG_KEY_A_B), digests(client.get(base + "?q=type%3D~cosign")));
    List<String> newestFirst = new java.util.ArrayList<>(accessories);
    java.util.Collections.reverse(newestFirst);
    assertEquals(newestFirst, digests(client.get(base + "?page_size=100&sort=-creation_time")));
    assertEquals(
        accessories.stream().filter(d -> d.equals(SIG_KEY_A_B) || d.equals(notation)).toList(),
        digests(client.get(base + "?q=type%3D%7Bsignature.cosign%20signature.notation%7D")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "page=0",
        "page=-1",
        "page=x",
        "page_size=0",
        "page_size=101",
        "page_size=1.5",
        "q=type",
        "q=color%3Dred",
        "q=type%3D%5Ba~b%5D",
        "q=type%3D%7B%7D",
        "sort=size"
      })
  void badPagingOrQueryIs400(String query) throws Exception {
    String repo = "library/bad-query";
    if (client.getManifest(repo, "v1").statusCode() != 200) {
      assertEquals(201, cosign.push(client, "app:v1", repo, "v1").statusCode());
    }
    HttpResponse<String> reply = client.get(API + "bad-query/artifacts/v1/accessories?" + query);
    assertEquals(400, reply.statusCode(), reply::body);
    assertEquals("BAD_REQUEST", harborError(reply));
  }

  @Test
  void aRepositoryNameWithASlashArrivesEncodedTwice() throws Exception {
    String repo = "library/team/app";
    signedApp(repo);
    HttpResponse<String> reply = client.get(API + "team%252Fapp/artifacts/v1/accessories");
    assertEquals(200, reply.statusCode(), reply::body);
    assertEquals(3, new JsonArray(reply.body()).size());
    assertEquals(
        repo, new JsonArray(reply.body()).getJsonObject(0).getString("subject_artifact_repo"));
  }

  @Test
  void deletingOneSignatureLeavesTheSubjectAndTheOthers() throws Exception {
    String repo = "library/single";
    List<String> accessories = signedApp(repo);
    HttpResponse<String> deleted = client.delete(API + "single/artifacts/" + accessories.get(2));
    assertEquals(200, deleted.statusCode(), deleted::body);

    assertEquals(
        accessories.subList(0, 2), digests(client.get(API + "single/artifacts/v1/accessories")));
    assertEquals(200, client.getManifest(repo, "v1").statusCode());
    assertEquals(404, client.getManifest(repo, accessories.get(2)).statusCode());
  }

  @Test
  void deletingTheSubjectDeletesEveryAccessory() throws Exception {
    String repo = "library/whole";
    List<String> accessories = signedApp(repo);
    assertEquals(200, client.delete(API + "whole/artifacts/v1").statusCode());
    for (String digest : accessories) {
      assertEquals(404, client.getManifest(repo, digest).statusCode(), digest);
    }
    assertEquals(404, client.getManifest(repo, APP).statusCode());
    HttpResponse<String> gone = client.get(API + "whole/artifacts/" + APP + "/accessories");
    assertEquals(404, gone.statusCode());
    assertEquals("NOT_FOUND", harborError(gone));
  }

  @Test
  void idsAndTimesSurviveARebuildFromTheLog() throws Exception {
    signedApp("library/stable");
    String path = API + "stable/artifacts/v1/accessories";
    String before = client.get(path).body();
    rebuild();
    assertEquals(before, client.get(path).body());
  }

  @Test
  void deletingAnUnknownArtifactIs404WithHarborsBody() throws Exception {
    HttpResponse<String> reply = client.delete(API + "nothing/artifacts/latest");
    assertEquals(404, reply.statusCode());
    assertEquals("NOT_FOUND", harborError(reply));
    assertTrue(
        new JsonObject(reply.body())
            .getJsonArray("errors")
            .getJsonObject(0)
            .getString("message")
            .contains("not found"));
  }

  @Test
  void deletingTheChildOfAnIndexIs412AndChangesNothing() throws Exception {
    String repo = "library/indexed";
    assertEquals(201, cosign.push(client, "app:v1", repo, "v1").statusCode());
    String index = pushIndex(repo, "multi", "0");

    HttpResponse<String> reply = client.delete(API + "indexed/artifacts/v1");
    assertEquals(412, reply.statusCode(), reply::body);
    assertEquals("VIOLATE_FOREIGN_KEY_CONSTRAINT", harborError(reply));
    assertEquals(200, client.getManifest(repo, "v1").statusCode());
    assertEquals(200, client.getManifest(repo, index).statusCode());
  }

  @Test
  void deletingAnIndexDeletesItsUntaggedChildWithTheChildsSignatures() throws Exception {
    String repo = "library/cascade";
    assertEquals(201, cosign.push(client, "app:v1", repo, APP).statusCode()); // untagged
    assertEquals(201, cosign.push(client, "variant/app-sig-keyA-keyB", repo, APP_SIG).statusCode());
    String index = pushIndex(repo, "multi", "one");

    HttpResponse<String> reply = client.delete(API + "cascade/artifacts/multi");
    assertEquals(200, reply.statusCode(), reply::body);

    for (String gone : List.of(index, APP, SIG_KEY_A_B)) {
      assertEquals(404, client.getManifest(repo, gone).statusCode(), gone);
    }
    assertEquals(404, client.getManifest(repo, APP_SIG).statusCode(), "the .sig tag went too");
    assertEquals(404, client.get(API + "cascade/artifacts/" + APP).statusCode());
  }

  @Test
  void aChildThatATagOrAnotherIndexHoldsStaysWhenAnIndexIsDeleted() throws Exception {
    String repo = "library/shared";
    assertEquals(201, cosign.push(client, "app:v1", repo, APP).statusCode()); // untagged
    pushIndex(repo, "one", "1");
    pushIndex(repo, "two", "2");

    assertEquals(200, client.delete(API + "shared/artifacts/one").statusCode());
    assertEquals(200, client.getManifest(repo, APP).statusCode(), "index two still lists it");
    assertEquals(200, client.delete(API + "shared/artifacts/two").statusCode());
    assertEquals(404, client.getManifest(repo, APP).statusCode(), "held by nothing any more");

    String tagged = "library/tagged-child";
    assertEquals(201, cosign.push(client, "app:v1", tagged, "v1").statusCode());
    pushIndex(tagged, "multi", "3");
    assertEquals(200, client.delete(API + "tagged-child/artifacts/multi").statusCode());
    assertEquals(200, client.getManifest(tagged, "v1").statusCode(), "its tag holds it");
  }

  @Test
  void aReferrersTagSchemaIndexIsNoArtifactOfItsOwnInTheList() throws Exception {
    String repo = "library/tag-schema";
    String notation = signedApp(repo).get(2);
    String schemaTag = "sha256-" + APP.substring("sha256:".length());
    pushIndex(
        repo,
        schemaTag,
        new JsonObject()
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
            .put("digest", notation)
            .put("size", 1)
            .put("artifactType", "application/vnd.cncf.notary.signature"),
        new JsonObject());

    assertEquals(List.of(APP), digests(client.get(API + "tag-schema/artifacts?page_size=100")));
    assertEquals(200, client.get(API + "tag-schema/artifacts/" + schemaTag).statusCode());
  }

  /** Pushes an index listing APP under {@code tag} (its {@code variant} makes it unique). */
  private static String pushIndex(String repo, String tag, String variant) throws Exception {
    return pushIndex(
        repo,
        tag,
        new JsonObject()
            .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
            .put("digest", APP)
            .put("size", 402),
        new JsonObject().put("variant", variant));
  }

  /** Pushes an index of the one {@code child} with {@code annotations} under {@code tag}. */
  private static String pushIndex(String repo, String tag, JsonObject child, JsonObject annotations)
      throws Exception {
    JsonObject index =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json")
            .put("manifests", new JsonArray().add(child));
    if (!annotations.isEmpty()) {
      index.put("annotations", annotations);
    }
    byte[] bytes = index.encode().getBytes(StandardCharsets.UTF_8);
    assertEquals(
        201,
        client
            .putManifest(repo, tag, "application/vnd.oci.image.index.v1+json", bytes)
            .statusCode());
    return Digest.sha256(bytes).toString();
  }

  // ---- helpers ----

  private static List<String> digests(HttpResponse<String> reply) {
    assertEquals(200, reply.statusCode(), reply::body);
    return new JsonArray(reply.body())
        .stream().map(o -> ((JsonObject) o).getString("digest")).toList();
  }

  private static String harborError(HttpResponse<String> reply) {
    return new JsonObject(reply.body()).getJsonArray("errors").getJsonObject(0).getString("code");
  }
}

package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.conformance.OciClient.Image;
import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Content discovery (tags, catalog: end-8) and content management (deletes: end-9, end-10). */
class DiscoveryConformanceTest extends ConformanceSuite {
  // ---- content discovery: end-8a/b, catalog ----

  @Test
  @Order(30)
  void discovery_tagsInLexicalOrder() {
    String repo = "library/discover-tags";
    Image image = oci.pushImage(repo, "latest", "discover");
    List<String> tags = List.of("b", "a", "C", "1.0", "_x", "a-2", "A10", "a.1");
    for (String tag : tags) {
      oci.pushManifest(repo, tag, OCI_MANIFEST, image.manifest());
    }
    Reply reply = oci.get("/v2/" + repo + "/tags/list");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject body = reply.json();
    assertEquals(repo, body.getString("name"));
    List<String> expected = new ArrayList<>(tags);
    expected.add("latest");
    expected.sort(null);
    assertEquals(expected, strings(body.getJsonArray("tags")));
  }

  @Test
  @Order(31)
  void discovery_tagsPagingFollowsLink() {
    String repo = "library/discover-paging";
    Image image = oci.pushImage(repo, "t0", "paging");
    for (int i = 1; i < 7; i++) {
      oci.pushManifest(repo, "t" + i, OCI_MANIFEST, image.manifest());
    }
    List<String> all = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6");

    Reply firstPage = oci.get("/v2/" + repo + "/tags/list?n=3");
    assertEquals(List.of("t0", "t1", "t2"), strings(firstPage.json().getJsonArray("tags")));
    assertNotNull(firstPage.header("Link"), firstPage::toString);
    assertEquals(all, followPages("/v2/" + repo + "/tags/list?n=3", "tags"));

    Reply afterLast = oci.get("/v2/" + repo + "/tags/list?n=2&last=t3");
    assertEquals(List.of("t4", "t5"), strings(afterLast.json().getJsonArray("tags")));
    Reply tail = oci.get("/v2/" + repo + "/tags/list?n=5&last=t4");
    assertEquals(List.of("t5", "t6"), strings(tail.json().getJsonArray("tags")));
    assertNull(tail.header("Link"), "no next page after the last");
    Reply past = oci.get("/v2/" + repo + "/tags/list?last=t6");
    assertEquals(List.of(), strings(past.json().getJsonArray("tags")));
  }

  @Test
  @Order(32)
  void discovery_zeroTagsRequestedIsEmpty() {
    String repo = "library/discover-zero";
    oci.pushImage(repo, "only", "zero");
    Reply reply = oci.get("/v2/" + repo + "/tags/list?n=0");
    assertEquals(200, reply.status(), reply::toString);
    JsonArray tags = reply.json().getJsonArray("tags");
    assertTrue(tags == null || tags.isEmpty(), reply::toString);
  }

  @Test
  @Order(33)
  void discovery_catalogPagesLexically() {
    oci.createProject("catalog");
    for (String name : List.of("catalog/zeta", "catalog/alpha", "catalog/mid/dle")) {
      oci.pushBlob(name, bytes("catalog entry " + name));
    }
    Reply whole = oci.get("/v2/_catalog");
    assertEquals(200, whole.status(), whole::toString);
    List<String> all = strings(whole.json().getJsonArray("repositories"));
    assertTrue(
        all.containsAll(List.of("catalog/zeta", "catalog/alpha", "catalog/mid/dle")),
        whole::toString);
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(null);
    assertEquals(sorted, all, "lexical order");

    assertEquals(all, followPages("/v2/_catalog?n=2", "repositories"));
    Reply afterAlpha = oci.get("/v2/_catalog?n=1&last=catalog/alpha");
    List<String> next = strings(afterAlpha.json().getJsonArray("repositories"));
    assertEquals(List.of(all.get(all.indexOf("catalog/alpha") + 1)), next);
  }

  // ---- content management: end-9, end-10 ----

  @Test
  @Order(40)
  void management_deleteManifestByDigestRemovesItAndItsTags() {
    String repo = "library/manage-digest";
    oci.pushImage(repo, "keep", "keep");
    Image doomed = oci.pushImage(repo, "one", "doomed");
    oci.pushManifest(repo, "two", OCI_MANIFEST, doomed.manifest());

    Reply deleted = oci.delete("/v2/" + repo + "/manifests/" + doomed.digest());
    assertEquals(202, deleted.status(), deleted::toString);

    assertError(oci.get("/v2/" + repo + "/manifests/" + doomed.digest()), 404, "MANIFEST_UNKNOWN");
    assertError(oci.get("/v2/" + repo + "/manifests/one"), 404, "MANIFEST_UNKNOWN");
    assertError(oci.get("/v2/" + repo + "/manifests/two"), 404, "MANIFEST_UNKNOWN");
    assertEquals(404, oci.head("/v2/" + repo + "/manifests/" + doomed.digest()).status());
    Reply tags = oci.get("/v2/" + repo + "/tags/list");
    assertEquals(List.of("keep"), strings(tags.json().getJsonArray("tags")));
    assertError(
        oci.delete("/v2/" + repo + "/manifests/" + doomed.digest()), 404, "MANIFEST_UNKNOWN");

    // Deleted is not forbidden: the same bytes may be pushed again.
    oci.pushManifest(repo, "back", OCI_MANIFEST, doomed.manifest());
    assertEquals(200, oci.get("/v2/" + repo + "/manifests/" + doomed.digest()).status());
    assertError(oci.get("/v2/" + repo + "/manifests/one"), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  @Order(41)
  void management_deleteByTagRemovesOnlyTheTag() {
    String repo = "library/manage-tag";
    Image image = oci.pushImage(repo, "keep", "tagged");
    oci.pushManifest(repo, "drop", OCI_MANIFEST, image.manifest());

    Reply deleted = oci.delete("/v2/" + repo + "/manifests/drop");
    assertEquals(202, deleted.status(), deleted::toString);

    assertError(oci.get("/v2/" + repo + "/manifests/drop"), 404, "MANIFEST_UNKNOWN");
    assertEquals(200, oci.get("/v2/" + repo + "/manifests/keep").status());
    assertEquals(200, oci.get("/v2/" + repo + "/manifests/" + image.digest()).status());
    Reply tags = oci.get("/v2/" + repo + "/tags/list");
    assertEquals(List.of("keep"), strings(tags.json().getJsonArray("tags")));
  }

  @Test
  @Order(42)
  void management_deleteBlob() {
    String repo = "library/manage-blob";
    String digest = oci.pushBlob(repo, bytes("delete me"));
    Reply deleted = oci.delete("/v2/" + repo + "/blobs/" + digest);
    assertEquals(202, deleted.status(), deleted::toString);
    assertEquals(404, oci.head("/v2/" + repo + "/blobs/" + digest).status());
    assertError(oci.get("/v2/" + repo + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    assertError(oci.delete("/v2/" + repo + "/blobs/" + digest), 404, "BLOB_UNKNOWN");

    oci.pushBlob(repo, bytes("delete me"));
    assertEquals(200, oci.head("/v2/" + repo + "/blobs/" + digest).status());
  }
}

package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.DOCKER_CONFIG;
import static io.cairn.ops.conformance.OciClient.DOCKER_LAYER;
import static io.cairn.ops.conformance.OciClient.DOCKER_LIST;
import static io.cairn.ops.conformance.OciClient.DOCKER_MANIFEST;
import static io.cairn.ops.conformance.OciClient.EMPTY_DIGEST;
import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_EMPTY;
import static io.cairn.ops.conformance.OciClient.OCI_INDEX;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.descriptor;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.imageManifest;
import static io.cairn.ops.conformance.OciClient.index;
import static io.cairn.ops.conformance.OciClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.conformance.OciClient.Blob;
import io.cairn.ops.conformance.OciClient.Image;
import io.cairn.ops.conformance.OciClient.Reply;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI distribution spec v1.1, walked in order against a whole Cairn, like the OCI conformance
 * suite: pull, push, content discovery, content management, then referrers. Each test works in a
 * repository of its own, so they stay independent; the order is only for reading. A failure here is
 * a release blocker (STYLE.md, 11).
 */
@ExtendWith(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceTest {
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  @TempDir static Path dataDir;

  private static TestCairn cairn;
  private static OciClient oci;

  @BeforeAll
  static void start() throws Exception {
    cairn = TestCairn.start(dataDir);
    oci = new OciClient(cairn.url());
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  // ---- end-1 ----

  @Test
  @Order(1)
  void end1_baseAnswers200() {
    Reply reply = oci.get("/v2/");
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("registry/2.0", reply.header("Docker-Distribution-API-Version"));
  }

  // ---- pull: end-2, end-3 ----

  @Test
  @Order(10)
  void pull_blobGetAndHead() {
    byte[] content = bytes("pull me, byte for byte");
    String digest = oci.pushBlob("library/pull-blob", content);
    String path = "/v2/library/pull-blob/blobs/" + digest;

    Reply head = oci.head(path);
    assertEquals(200, head.status(), head::toString);
    assertEquals(digest, head.header("Docker-Content-Digest"));
    assertEquals(String.valueOf(content.length), head.header("Content-Length"));
    assertNotNull(head.header("Content-Type"));
    assertEquals(0, head.body().length);

    Reply get = oci.get(path);
    assertEquals(200, get.status(), get::toString);
    assertEquals(digest, get.header("Docker-Content-Digest"));
    assertEquals(String.valueOf(content.length), get.header("Content-Length"));
    assertNotNull(get.header("Content-Type"));
    assertArrayEquals(content, get.body());
  }

  @Test
  @Order(11)
  void pull_blobRangeAnswers206() {
    byte[] content = bytes("0123456789abcdef");
    String digest = oci.pushBlob("library/pull-range", content);
    String path = "/v2/library/pull-range/blobs/" + digest;

    Reply middle = oci.get(path, "Range", "bytes=2-5");
    assertEquals(206, middle.status(), middle::toString);
    assertEquals("bytes 2-5/16", middle.header("Content-Range"));
    assertArrayEquals(bytes("2345"), middle.body());
    assertEquals(digest, middle.header("Docker-Content-Digest"));

    Reply suffix = oci.get(path, "Range", "bytes=-3");
    assertEquals(206, suffix.status(), suffix::toString);
    assertEquals("bytes 13-15/16", suffix.header("Content-Range"));
    assertArrayEquals(bytes("def"), suffix.body());

    Reply open = oci.get(path, "Range", "bytes=10-");
    assertEquals(206, open.status(), open::toString);
    assertArrayEquals(bytes("abcdef"), open.body());
  }

  @Test
  @Order(12)
  void pull_unsatisfiableRangeAnswers416() {
    byte[] content = bytes("ten bytes!");
    String digest = oci.pushBlob("library/pull-range416", content);
    Reply reply = oci.get("/v2/library/pull-range416/blobs/" + digest, "Range", "bytes=100-200");
    assertError(reply, 416, "RANGE_INVALID");
    assertEquals("bytes */10", reply.header("Content-Range"));
  }

  @Test
  @Order(13)
  void pull_manifestByTagAndDigestIsByteIdentical() {
    String repo = "library/pull-manifest";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}"));
    Blob layer = Blob.of(OCI_LAYER, bytes("a layer"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    // Unusual but valid: layers before config, tabs, spaces before colons, a trailing newline.
    String text =
        "{\n\t\"layers\" : [ {\"size\":"
            + layer.content().length
            + ", \"digest\":\""
            + layer.digest()
            + "\",\"mediaType\":\""
            + OCI_LAYER
            + "\"} ],\n  \"schemaVersion\":   2,\r\n\"config\":{\"digest\":\""
            + config.digest()
            + "\",  \"size\": "
            + config.content().length
            + ",\"mediaType\":\""
            + OCI_CONFIG
            + "\"},\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"annotations\":{\"z\":\"last\",\"a\":\"first\"}   }\n";
    byte[] manifest = bytes(text);
    String digest = oci.pushManifest(repo, "odd", OCI_MANIFEST, manifest);

    for (String reference : List.of("odd", digest)) {
      String path = "/v2/" + repo + "/manifests/" + reference;
      Reply get = oci.get(path, "Accept", OCI_MANIFEST);
      assertEquals(200, get.status(), get::toString);
      assertArrayEquals(manifest, get.body(), "bytes served as pushed, by " + reference);
      assertEquals(OCI_MANIFEST, get.header("Content-Type"));
      assertEquals(digest, get.header("Docker-Content-Digest"));

      Reply head = oci.head(path, "Accept", OCI_MANIFEST);
      assertEquals(200, head.status(), head::toString);
      assertEquals(OCI_MANIFEST, head.header("Content-Type"));
      assertEquals(digest, head.header("Docker-Content-Digest"));
      assertEquals(String.valueOf(manifest.length), head.header("Content-Length"));
      assertEquals(0, head.body().length);
    }
  }

  // ---- push: end-4a/4b, end-5, end-6, end-11, end-13, cancel, end-7 ----

  @Test
  @Order(20)
  void push_postThenPutMonolithic() {
    String repo = "library/push-monolithic";
    byte[] content = bytes("monolithic upload after POST");
    String digest = digest(content);

    Reply started = oci.post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
    assertEquals(202, started.status(), started::toString);
    String location = started.header("Location");
    assertNotNull(location);

    Reply put =
        oci.put(
            withQuery(location, "digest=" + digest),
            content,
            "Content-Type",
            "application/octet-stream");
    assertEquals(201, put.status(), put::toString);
    assertEquals(digest, put.header("Docker-Content-Digest"));
    assertNotNull(put.header("Location"));

    Reply get = oci.get(put.header("Location"));
    assertEquals(200, get.status(), get::toString);
    assertArrayEquals(content, get.body());
  }

  @Test
  @Order(21)
  void push_postWithDigestIsOneRequest() {
    byte[] content = bytes("single POST upload");
    String digest = digest(content);
    Reply reply =
        oci.post(
            "/v2/library/push-single/blobs/uploads/?digest=" + digest,
            content,
            "Content-Type",
            "application/octet-stream");
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(digest, reply.header("Docker-Content-Digest"));
    assertNotNull(reply.header("Location"));
    assertEquals(200, oci.head("/v2/library/push-single/blobs/" + digest).status());
  }

  @Test
  @Order(21)
  void push_sameBlobTwiceIsIdempotent() {
    byte[] content = bytes("pushed twice");
    String digest = oci.pushBlob("library/push-twice", content);
    assertEquals(digest, oci.pushBlob("library/push-twice", content));
    assertArrayEquals(content, oci.get("/v2/library/push-twice/blobs/" + digest).body());
  }

  @Test
  @Order(21)
  void push_sha512DigestsAreAccepted() {
    String repo = "library/push-sha512";
    byte[] content = bytes("hashed with sha512");
    String digest = OciClient.sha512(content);
    Reply blob =
        oci.post(
            "/v2/" + repo + "/blobs/uploads/?digest=" + digest,
            content,
            "Content-Type",
            "application/octet-stream");
    assertEquals(201, blob.status(), blob::toString);
    assertEquals(digest, blob.header("Docker-Content-Digest"));
    Reply get = oci.get("/v2/" + repo + "/blobs/" + digest);
    assertEquals(200, get.status(), get::toString);
    assertArrayEquals(content, get.body());

    Blob config = Blob.of(OCI_CONFIG, bytes("{\"sha\":512}"));
    oci.pushBlob(repo, config.content());
    byte[] manifest =
        bytes(
            imageManifest(OCI_MANIFEST, config)
                .put("layers", new JsonArray().add(descriptor(OCI_LAYER, digest, content.length)))
                .encode());
    String manifestDigest = OciClient.sha512(manifest);
    Reply put = oci.putManifest(repo, manifestDigest, OCI_MANIFEST, manifest);
    assertEquals(201, put.status(), put::toString);
    assertEquals(manifestDigest, put.header("Docker-Content-Digest"));
    Reply read = oci.get("/v2/" + repo + "/manifests/" + manifestDigest);
    assertEquals(200, read.status(), read::toString);
    assertArrayEquals(manifest, read.body());
    assertEquals(manifestDigest, read.header("Docker-Content-Digest"));
  }

  @Test
  @Order(21)
  void push_emptyBlob() {
    String repo = "library/push-empty";
    String digest = oci.pushBlob(repo, new byte[0]);
    Reply head = oci.head("/v2/" + repo + "/blobs/" + digest);
    assertEquals(200, head.status(), head::toString);
    assertEquals("0", head.header("Content-Length"));
    Reply get = oci.get("/v2/" + repo + "/blobs/" + digest);
    assertEquals(200, get.status(), get::toString);
    assertEquals(0, get.body().length);
  }

  @Test
  @Order(22)
  void push_chunkedUpload() {
    String repo = "library/push-chunked";
    byte[] content = bytes("aaaaabbbbbccccc");
    String digest = digest(content);

    Reply started = oci.post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
    assertEquals(202, started.status(), started::toString);

    Reply first = patch(started.header("Location"), content, 0, 5);
    assertEquals(202, first.status(), first::toString);
    assertEquals("0-4", first.header("Range"));
    assertNotNull(first.header("Location"));

    Reply second = patch(first.header("Location"), content, 5, 10);
    assertEquals(202, second.status(), second::toString);
    assertEquals("0-9", second.header("Range"));

    Reply status = oci.get(second.header("Location"));
    assertEquals(204, status.status(), status::toString);
    assertEquals("0-9", status.header("Range"));
    assertNotNull(status.header("Location"));

    Reply put =
        oci.put(
            withQuery(status.header("Location"), "digest=" + digest),
            Arrays.copyOfRange(content, 10, 15),
            "Content-Type",
            "application/octet-stream",
            "Content-Range",
            "10-14");
    assertEquals(201, put.status(), put::toString);
    assertEquals(digest, put.header("Docker-Content-Digest"));

    Reply get = oci.get("/v2/" + repo + "/blobs/" + digest);
    assertArrayEquals(content, get.body());
  }

  @Test
  @Order(22)
  void push_streamedChunkWithoutContentRange() {
    String repo = "library/push-streamed";
    byte[] content = bytes("streamed in one PATCH, no Content-Range");
    String digest = digest(content);
    Reply started = oci.post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
    Reply streamed =
        oci.patch(started.header("Location"), content, "Content-Type", "application/octet-stream");
    assertEquals(202, streamed.status(), streamed::toString);
    assertEquals("0-" + (content.length - 1), streamed.header("Range"));
    Reply put = oci.put(withQuery(streamed.header("Location"), "digest=" + digest), new byte[0]);
    assertEquals(201, put.status(), put::toString);
    assertArrayEquals(content, oci.get("/v2/" + repo + "/blobs/" + digest).body());
  }

  @Test
  @Order(23)
  void push_outOfOrderChunkIs416AndRecovers() {
    String repo = "library/push-out-of-order";
    byte[] content = bytes("0123456789ABCDEFGHIJ");
    String digest = digest(content);

    Reply started = oci.post("/v2/" + repo + "/blobs/uploads/", new byte[0]);
    Reply first = patch(started.header("Location"), content, 0, 5);
    assertEquals(202, first.status(), first::toString);
    String location = first.header("Location");

    Reply skipped = patch(location, content, 10, 15);
    assertError(skipped, 416, "RANGE_INVALID");

    Reply status = oci.get(location);
    assertEquals(204, status.status(), status::toString);
    assertEquals("0-4", status.header("Range"), "the bad chunk left no trace");

    Reply resumed = patch(status.header("Location"), content, 5, 15);
    assertEquals(202, resumed.status(), resumed::toString);
    assertEquals("0-14", resumed.header("Range"));

    Reply put =
        oci.put(
            withQuery(resumed.header("Location"), "digest=" + digest),
            Arrays.copyOfRange(content, 15, 20),
            "Content-Type",
            "application/octet-stream");
    assertEquals(201, put.status(), put::toString);
    assertArrayEquals(content, oci.get("/v2/" + repo + "/blobs/" + digest).body());
  }

  @Test
  @Order(24)
  void push_mountFromAnotherRepository() {
    byte[] content = bytes("mount me across repositories");
    String digest = oci.pushBlob("library/mount-source", content);

    Reply mounted =
        oci.post(
            "/v2/library/mount-target/blobs/uploads/?mount="
                + digest
                + "&from=library/mount-source",
            new byte[0]);
    assertEquals(201, mounted.status(), mounted::toString);
    assertEquals(digest, mounted.header("Docker-Content-Digest"));
    assertNotNull(mounted.header("Location"));

    Reply get = oci.get("/v2/library/mount-target/blobs/" + digest);
    assertEquals(200, get.status(), get::toString);
    assertArrayEquals(content, get.body());
  }

  @Test
  @Order(25)
  void push_mountOfUnknownBlobOpensAnUpload() {
    byte[] content = bytes("not in the source repository");
    String digest = digest(content);
    oci.pushBlob("library/mount-empty-source", bytes("something else"));

    Reply fallback =
        oci.post(
            "/v2/library/mount-fallback/blobs/uploads/?mount="
                + digest
                + "&from=library/mount-empty-source",
            new byte[0]);
    assertEquals(202, fallback.status(), fallback::toString);
    assertNotNull(fallback.header("Location"));
    assertEquals(404, oci.head("/v2/library/mount-fallback/blobs/" + digest).status());

    Reply put =
        oci.put(
            withQuery(fallback.header("Location"), "digest=" + digest),
            content,
            "Content-Type",
            "application/octet-stream");
    assertEquals(201, put.status(), put::toString);
    assertEquals(200, oci.head("/v2/library/mount-fallback/blobs/" + digest).status());
  }

  @Test
  @Order(26)
  void push_cancelUpload() {
    Reply started = oci.post("/v2/library/push-cancel/blobs/uploads/", new byte[0]);
    String location = started.header("Location");
    assertEquals(202, patch(location, bytes("partial"), 0, 7).status());

    Reply cancelled = oci.delete(location);
    assertEquals(204, cancelled.status(), cancelled::toString);

    assertError(oci.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  @Order(27)
  void push_manifestByTagAndByDigest() {
    String repo = "library/push-manifest";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"by\":\"tag\"}"));
    Blob layer = Blob.of(OCI_LAYER, bytes("layer for push-manifest"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());

    byte[] byTag = bytes(imageManifest(OCI_MANIFEST, config, layer).encode());
    Reply tagged = oci.putManifest(repo, "v1", OCI_MANIFEST, byTag);
    assertEquals(201, tagged.status(), tagged::toString);
    assertEquals(digest(byTag), tagged.header("Docker-Content-Digest"));
    assertNotNull(tagged.header("Location"));
    assertEquals(200, oci.get(tagged.header("Location")).status());

    byte[] byDigest =
        bytes(
            imageManifest(OCI_MANIFEST, config, layer)
                .put("annotations", new JsonObject().put("pushed", "by digest"))
                .encode());
    String digest = digest(byDigest);
    Reply untagged = oci.putManifest(repo, digest, OCI_MANIFEST, byDigest);
    assertEquals(201, untagged.status(), untagged::toString);
    assertEquals(digest, untagged.header("Docker-Content-Digest"));
    assertTrue(untagged.header("Location").endsWith(digest), untagged::toString);
    assertArrayEquals(byDigest, oci.get("/v2/" + repo + "/manifests/" + digest).body());

    // Pushing the same bytes again is idempotent.
    Reply again = oci.putManifest(repo, "v1", OCI_MANIFEST, byTag);
    assertEquals(201, again.status(), again::toString);

    // Pushing other bytes to a tag moves it; the old manifest stays reachable by digest.
    oci.pushManifest(repo, "v1", OCI_MANIFEST, byDigest);
    assertArrayEquals(byDigest, oci.get("/v2/" + repo + "/manifests/v1").body());
    assertArrayEquals(byTag, oci.get("/v2/" + repo + "/manifests/" + digest(byTag)).body());
  }

  @Test
  @Order(28)
  void push_longestNameAndTagAreAccepted() {
    String repo = "library/" + "n".repeat(255 - "library/".length());
    String tag = "t".repeat(128);
    Image image = oci.pushImage(repo, tag, "longest");
    Reply get = oci.get("/v2/" + repo + "/manifests/" + tag);
    assertEquals(200, get.status(), get::toString);
    assertArrayEquals(image.manifest(), get.body());
    assertEquals(
        List.of(tag), strings(oci.get("/v2/" + repo + "/tags/list").json().getJsonArray("tags")));
  }

  /** A manifest just under the 4 MiB limit, its bulk in an annotation. */
  @Test
  @Order(28)
  void push_manifestJustUnderTheLimitIsAccepted() {
    String big = "library/push-big";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"big\":true}"));
    oci.pushBlob(big, config.content());
    JsonObject manifest = imageManifest(OCI_MANIFEST, config);
    manifest.put(
        "annotations", new JsonObject().put("padding", "p".repeat(4 * 1024 * 1024 - 1024)));
    byte[] bytes = bytes(manifest.encode());
    assertTrue(bytes.length <= 4 * 1024 * 1024);
    String digest = oci.pushManifest(big, "big", OCI_MANIFEST, bytes);
    assertArrayEquals(bytes, oci.get("/v2/" + big + "/manifests/" + digest).body());
  }

  @Test
  @Order(29)
  void push_ociIndexAndDockerTypesAreAccepted() {
    String repo = "library/push-types";
    Image amd64 = oci.pushImage(repo, "amd64", "amd64");
    byte[] ociIndex =
        bytes(
            index(
                    OCI_INDEX,
                    descriptor(OCI_MANIFEST, amd64.digest(), amd64.size())
                        .put(
                            "platform",
                            new JsonObject().put("architecture", "amd64").put("os", "linux")))
                .encode());
    String indexDigest = oci.pushManifest(repo, "multi", OCI_INDEX, ociIndex);

    Blob config = Blob.of(DOCKER_CONFIG, bytes("{\"docker\":true}"));
    Blob layer = Blob.of(DOCKER_LAYER, bytes("docker layer"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    byte[] docker = bytes(imageManifest(DOCKER_MANIFEST, config, layer).encode());
    String dockerDigest = oci.pushManifest(repo, "docker", DOCKER_MANIFEST, docker);
    byte[] list =
        bytes(
            index(
                    DOCKER_LIST,
                    descriptor(DOCKER_MANIFEST, dockerDigest, docker.length)
                        .put(
                            "platform",
                            new JsonObject().put("architecture", "arm64").put("os", "linux")))
                .encode());
    oci.pushManifest(repo, "docker-list", DOCKER_LIST, list);

    Map<String, String> expected =
        Map.of(
            "multi",
            OCI_INDEX,
            indexDigest,
            OCI_INDEX,
            "docker",
            DOCKER_MANIFEST,
            "docker-list",
            DOCKER_LIST);
    expected.forEach(
        (reference, type) -> {
          Reply get = oci.get("/v2/" + repo + "/manifests/" + reference);
          assertEquals(200, get.status(), get::toString);
          assertEquals(type, get.header("Content-Type"), reference);
        });
    assertArrayEquals(list, oci.get("/v2/" + repo + "/manifests/docker-list").body());
  }

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

  // ---- referrers: end-12a/b ----

  @Test
  @Order(50)
  void referrers_listAndFilterByArtifactType() {
    String repo = "library/referrers";
    Image subject = oci.pushImage(repo, "app", "subject");
    oci.pushBlob(repo, bytes("{}"));
    Artifact sbom =
        pushArtifact(repo, subject, "application/vnd.example.sbom.v1", "sbom", "kind", "sbom");
    Artifact signature =
        pushArtifact(repo, subject, "application/vnd.example.sig.v1", "sig", "kind", "signature");

    Reply all = oci.get("/v2/" + repo + "/referrers/" + subject.digest());
    assertEquals(200, all.status(), all::toString);
    assertEquals(OCI_INDEX, all.header("Content-Type"));
    JsonObject index = all.json();
    assertEquals(2, index.getInteger("schemaVersion"));
    assertEquals(OCI_INDEX, index.getString("mediaType"));
    JsonArray manifests = index.getJsonArray("manifests");
    assertEquals(2, manifests.size(), all::toString);
    assertReferrer(find(manifests, sbom.digest()), sbom, "sbom");
    assertReferrer(find(manifests, signature.digest()), signature, "signature");

    Reply filtered =
        oci.get(
            "/v2/"
                + repo
                + "/referrers/"
                + subject.digest()
                + "?artifactType="
                + "application/vnd.example.sbom.v1");
    assertEquals(200, filtered.status(), filtered::toString);
    assertEquals("artifactType", filtered.header("OCI-Filters-Applied"));
    JsonArray only = filtered.json().getJsonArray("manifests");
    assertEquals(1, only.size(), filtered::toString);
    assertEquals(sbom.digest(), only.getJsonObject(0).getString("digest"));

    Reply none = oci.get("/v2/" + repo + "/referrers/" + subject.digest() + "?artifactType=x/y");
    assertEquals("artifactType", none.header("OCI-Filters-Applied"));
    assertEquals(0, none.json().getJsonArray("manifests").size());

    // A deleted referrer is no longer listed.
    assertEquals(202, oci.delete("/v2/" + repo + "/manifests/" + signature.digest()).status());
    JsonArray left =
        oci.get("/v2/" + repo + "/referrers/" + subject.digest()).json().getJsonArray("manifests");
    assertEquals(1, left.size(), left::encode);
    assertEquals(sbom.digest(), left.getJsonObject(0).getString("digest"));
  }

  @Test
  @Order(51)
  void referrers_artifactTypeFallsBackToConfigMediaType() {
    String repo = "library/referrers-config";
    Image subject = oci.pushImage(repo, "app", "config-subject");
    Blob config = Blob.of("application/vnd.example.attestation.config.v1+json", bytes("{\"a\":1}"));
    Blob layer = Blob.of("application/vnd.example.attestation.v1", bytes("attested"));
    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    byte[] manifest =
        bytes(
            imageManifest(OCI_MANIFEST, config, layer)
                .put("subject", descriptor(OCI_MANIFEST, subject.digest(), subject.size()))
                .encode());
    String digest = oci.pushManifest(repo, digest(manifest), OCI_MANIFEST, manifest);

    JsonArray manifests =
        oci.get("/v2/" + repo + "/referrers/" + subject.digest()).json().getJsonArray("manifests");
    assertEquals(1, manifests.size());
    JsonObject entry = manifests.getJsonObject(0);
    assertEquals(digest, entry.getString("digest"));
    assertEquals(config.mediaType(), entry.getString("artifactType"));
  }

  @Test
  @Order(52)
  void referrers_unknownSubjectIsAnEmptyIndex() {
    oci.pushImage("library/referrers-none", "app", "lonely");
    Reply reply = oci.get("/v2/library/referrers-none/referrers/" + OciClient.randomDigest());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(OCI_INDEX, reply.header("Content-Type"));
    assertEquals(0, reply.json().getJsonArray("manifests").size());
  }

  @Test
  @Order(53)
  void referrers_referrerMayComeBeforeItsSubject() {
    String repo = "library/referrers-early";
    Blob config = Blob.of(OCI_CONFIG, bytes("{\"seed\":\"early subject\"}"));
    Blob layer = Blob.of(OCI_LAYER, bytes("layer of early subject"));
    byte[] subjectBytes = bytes(imageManifest(OCI_MANIFEST, config, layer).encode());
    Image subject = new Image(digest(subjectBytes), subjectBytes);
    oci.pushBlob(repo, bytes("{}"));

    Artifact early =
        pushArtifact(repo, subject, "application/vnd.example.early.v1", "early", "when", "before");
    assertEquals(
        1,
        oci.get("/v2/" + repo + "/referrers/" + subject.digest())
            .json()
            .getJsonArray("manifests")
            .size());

    oci.pushBlob(repo, config.content());
    oci.pushBlob(repo, layer.content());
    oci.pushManifest(repo, "app", OCI_MANIFEST, subjectBytes);
    JsonArray after =
        oci.get("/v2/" + repo + "/referrers/" + subject.digest()).json().getJsonArray("manifests");
    assertEquals(1, after.size());
    assertReferrer(after.getJsonObject(0), early, "before");
  }

  // ---- helpers ----

  private record Artifact(String digest, long size, String artifactType) {}

  /** An OCI 1.1 artifact: empty config, one layer, a subject, one annotation. */
  private static Artifact pushArtifact(
      String repo, Image subject, String artifactType, String payload, String key, String value) {
    Blob layer = Blob.of("application/octet-stream", bytes(payload + " of " + subject.digest()));
    oci.pushBlob(repo, layer.content());
    JsonObject manifest =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", OCI_MANIFEST)
            .put("artifactType", artifactType)
            .put("config", descriptor(OCI_EMPTY, EMPTY_DIGEST, 2))
            .put("layers", new JsonArray().add(layer.descriptor()))
            .put("subject", descriptor(OCI_MANIFEST, subject.digest(), subject.size()))
            .put("annotations", new JsonObject().put("org.example." + key, value));
    byte[] bytes = bytes(manifest.encode());
    String digest = digest(bytes);
    Reply reply = oci.putManifest(repo, digest, OCI_MANIFEST, bytes);
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(subject.digest(), reply.header("OCI-Subject"), reply::toString);
    return new Artifact(digest, bytes.length, artifactType);
  }

  private static void assertReferrer(JsonObject entry, Artifact artifact, String value) {
    assertNotNull(entry, "referrer " + artifact.digest() + " listed");
    assertEquals(OCI_MANIFEST, entry.getString("mediaType"));
    assertEquals(artifact.digest(), entry.getString("digest"));
    assertEquals(artifact.size(), entry.getLong("size"));
    assertEquals(artifact.artifactType(), entry.getString("artifactType"));
    JsonObject annotations = entry.getJsonObject("annotations");
    assertNotNull(annotations, entry::encode);
    assertTrue(annotations.getMap().containsValue(value), entry::encode);
  }

  private static JsonObject find(JsonArray manifests, String digest) {
    for (int i = 0; i < manifests.size(); i++) {
      if (digest.equals(manifests.getJsonObject(i).getString("digest"))) {
        return manifests.getJsonObject(i);
      }
    }
    return null;
  }

  /** end-5: PATCH bytes {@code [from, to)} of {@code content}, with their Content-Range. */
  private static Reply patch(String location, byte[] content, int from, int to) {
    return oci.patch(
        location,
        Arrays.copyOfRange(content, from, to),
        "Content-Type",
        "application/octet-stream",
        "Content-Range",
        from + "-" + (to - 1));
  }

  /** Follows {@code Link: <…>; rel="next"} from {@code first} to the end; returns every entry. */
  private static List<String> followPages(String first, String field) {
    List<String> all = new ArrayList<>();
    String next = first;
    for (int pages = 0; next != null; pages++) {
      assertTrue(pages < 100, "paging does not end");
      Reply page = oci.get(next);
      assertEquals(200, page.status(), page::toString);
      all.addAll(strings(page.json().getJsonArray(field)));
      String link = page.header("Link");
      if (link == null) {
        next = null;
      } else {
        Matcher matcher = NEXT_LINK.matcher(link);
        assertTrue(matcher.find(), link);
        next = matcher.group(1);
      }
    }
    return all;
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> out.add((String) value));
    }
    return out;
  }
}

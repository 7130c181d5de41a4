package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.digest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cairn.ops.conformance.OciClient.Blob;
import io.cairn.ops.conformance.OciClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** end-1, and pulling blobs and manifests (end-2, end-3). */
class PullConformanceTest extends ConformanceSuite {
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
}

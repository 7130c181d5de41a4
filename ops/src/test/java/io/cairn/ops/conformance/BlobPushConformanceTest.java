package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.descriptor;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.imageManifest;
import static io.cairn.ops.conformance.OciClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cairn.ops.conformance.OciClient.Blob;
import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonArray;
import java.util.Arrays;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Pushing blobs: monolithic, chunked, mounted, resumed and cancelled uploads (end-4 to end-6,
 * end-11, end-13).
 */
class BlobPushConformanceTest extends ConformanceSuite {
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
}

package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.conformance.OciClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Blob uploads with wrong digests, ranges or sessions. */
class BadUploadTest extends BadInputSuite {
  /** The error codes, with their statuses, that this class provokes. */
  static final List<String> CODES =
      List.of(
          "BLOB_UNKNOWN 404",
          "BLOB_UPLOAD_INVALID 400",
          "BLOB_UPLOAD_UNKNOWN 404",
          "DIGEST_INVALID 400",
          "NAME_UNKNOWN 404",
          "RANGE_INVALID 416");

  // ---- blobs ----

  @Test
  @Order(10)
  void blob_monolithicPostWithWrongDigestStoresNothing() {
    byte[] content = bytes("these bytes hash to something else");
    String claimed = OciClient.randomDigest();
    Reply reply =
        oci.post(
            "/v2/" + REPO + "/blobs/uploads/?digest=" + claimed,
            content,
            "Content-Type",
            "application/octet-stream");
    assertError(reply, 400, "DIGEST_INVALID");
    assertBlobAbsent(REPO, claimed);
    assertBlobAbsent(REPO, digest(content));
  }

  @Test
  @Order(11)
  void blob_putWithWrongDigestStoresNothing() {
    byte[] content = bytes("uploaded, then closed with the wrong digest");
    String claimed = digest(bytes("other content"));
    String location = startUpload();
    Reply reply =
        oci.put(
            withQuery(location, "digest=" + claimed),
            content,
            "Content-Type",
            "application/octet-stream");
    assertError(reply, 400, "DIGEST_INVALID");
    assertBlobAbsent(REPO, claimed);
    assertBlobAbsent(REPO, digest(content));
  }

  @Test
  @Order(12)
  void blob_putWithoutOrWithBadDigestKeepsTheUpload() {
    String location = startUpload();
    assertEquals(202, patch(location, bytes("kept"), 0).status());

    assertError(oci.put(location, new byte[0]), 400, "DIGEST_INVALID");
    assertError(
        oci.put(withQuery(location, "digest=sha256:short"), new byte[0]), 400, "DIGEST_INVALID");
    assertError(
        oci.put(withQuery(location, "digest=md5:" + HEX64), new byte[0]), 400, "DIGEST_INVALID");

    Reply status = oci.get(location);
    assertEquals(204, status.status(), status::toString);
    assertEquals("0-3", status.header("Range"));
    cancel(location);
  }

  @Test
  @Order(13)
  void blob_outOfOrderChunksAre416AndChangeNothing() {
    String location = startUpload();
    assertEquals(202, patch(location, bytes("01234"), 0).status());

    assertError(patch(location, bytes("56789"), 10), 416, "RANGE_INVALID");
    assertError(patch(location, bytes("34567"), 3), 416, "RANGE_INVALID");
    assertError(patch(location, bytes("01234"), 0), 416, "RANGE_INVALID");

    Reply status = oci.get(location);
    assertEquals(204, status.status(), status::toString);
    assertEquals("0-4", status.header("Range"));
    cancel(location);
  }

  @Test
  @Order(14)
  void blob_badContentRangeIs400Or416AndChangesNothing() {
    String location = startUpload();
    assertEquals(202, patch(location, bytes("01234"), 0).status());

    // Not the spec's <start>-<end>: 400 BLOB_UPLOAD_INVALID, nothing appended. RFC 9110's and the
    // Range header's forms, an open end or start, junk, and a number too long to be an offset.
    for (String range :
        List.of(
            "bytes=5-9",
            "bytes 5-9/10",
            "bytes 5-9",
            "5-9/10",
            "5-",
            "-9",
            "five-nine",
            "-",
            "x",
            "",
            "5 - 9",
            "9".repeat(19) + "-" + "9".repeat(19))) {
      assertError(patchRange(location, range), 400, "BLOB_UPLOAD_INVALID");
    }
    // Well-formed, but backwards, not where the upload stands, or not the length of the body: each
    // a 416 (end-5), nothing appended.
    for (String range : List.of("5-2", "5-20", "5-6", "0-4", "6-10")) {
      assertError(patchRange(location, range), 416, "RANGE_INVALID");
    }
    // A closing PUT whose last chunk is out of order is a 416 too (end-6), and the upload lives on.
    Reply put =
        oci.put(
            withQuery(location, "digest=" + digest(bytes("0123456789"))),
            bytes("56789"),
            "Content-Type",
            "application/octet-stream",
            "Content-Range",
            "7-11");
    assertError(put, 416, "RANGE_INVALID");

    Reply status = oci.get(location);
    assertEquals(204, status.status(), status::toString);
    assertEquals("0-4", status.header("Range"), status::toString);
    cancel(location);
  }

  private static Reply patchRange(String location, String range) {
    return oci.patch(
        location,
        bytes("56789"),
        "Content-Type",
        "application/octet-stream",
        "Content-Range",
        range);
  }

  @Test
  @Order(15)
  void blob_finishedOrCancelledUploadIsUnknown() {
    String location = startUpload();
    cancel(location);
    assertError(oci.delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(patch(location, bytes("late"), 0), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(oci.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(
        oci.put(withQuery(location, "digest=" + blob), new byte[0]), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  @Order(16)
  void blob_uploadCannotEscapeIntoAnotherProject() {
    Reply reply =
        oci.post(
            "/v2/ghost/repo/blobs/uploads/?digest=" + digest(bytes("ghost blob")),
            bytes("ghost blob"),
            "Content-Type",
            "application/octet-stream");
    assertError(reply, 404, "NAME_UNKNOWN");
    assertTrue(reply.text().contains("ghost"), reply::toString);
    assertEquals(404, oci.head("/v2/ghost/repo/blobs/" + digest(bytes("ghost blob"))).status());

    Reply manifest = oci.putManifest("ghost/repo", "latest", OCI_MANIFEST, image.manifest());
    assertError(manifest, 404, "NAME_UNKNOWN");
    assertTrue(manifest.text().contains("ghost"), manifest::toString);
  }

  @Test
  @Order(17)
  void blob_uploadOfOneRepositoryIsUnknownInAnother() {
    String location = startUpload();
    byte[] chunk = bytes("owned by " + REPO);
    assertEquals(202, patch(location, chunk, 0).status());
    String id = location.substring(location.lastIndexOf('/') + 1);
    String elsewhere = "/v2/library/thief/blobs/uploads/" + id;

    assertError(oci.get(elsewhere), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(patch(elsewhere, bytes("injected"), chunk.length), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(
        oci.put(elsewhere + "?digest=" + digest(chunk), new byte[0]), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(oci.delete(elsewhere), 404, "BLOB_UPLOAD_UNKNOWN");
    assertBlobAbsent("library/thief", digest(chunk));

    Reply status = oci.get(location);
    assertEquals(204, status.status(), status::toString);
    assertEquals("0-" + (chunk.length - 1), status.header("Range"));
    cancel(location);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void showsItsErrorCodes() {
    assertShown(CODES);
  }
}

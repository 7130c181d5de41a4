package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.blob.FilesystemBlobStore;
import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Single malformed requests, raw paths no URI class would send, and lost storage. */
class BadRequestTest extends BadInputSuite {
  /** The error codes, with their statuses, that this class provokes. */
  static final List<String> CODES =
      List.of(
          "BLOB_UNKNOWN 404",
          "BLOB_UPLOAD_UNKNOWN 404",
          "DIGEST_INVALID 400",
          "MANIFEST_UNKNOWN 404",
          "NAME_INVALID 400",
          "NAME_UNKNOWN 404",
          "PAGINATION_NUMBER_INVALID 400",
          "RANGE_INVALID 416",
          "UNSUPPORTED 405");

  // ---- single requests: a table ----

  /**
   * name | method | status | code | path [| header: value]. Paths may hold {blob} (a blob of the
   * fixture), {BLOB} (its digest in upper case), {missing} (an unknown digest), {upload} (an
   * unknown upload id), {long-name} (256 characters), {long-tag} (129), {hex32} and {hex64}.
   */
  private static final String REQUESTS =
      """
      unknown blob                 | GET    | 404 | BLOB_UNKNOWN              | /v2/library/fixture/blobs/{missing}
      unknown blob, HEAD           | HEAD   | 404 | BLOB_UNKNOWN              | /v2/library/fixture/blobs/{missing}
      blob of another repository   | GET    | 404 | BLOB_UNKNOWN              | /v2/library/elsewhere/blobs/{blob}
      delete unknown blob          | DELETE | 404 | BLOB_UNKNOWN              | /v2/library/fixture/blobs/{missing}
      unknown tag                  | GET    | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/nope
      unknown tag, HEAD            | HEAD   | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/nope
      unknown manifest digest      | GET    | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/{missing}
      delete unknown tag           | DELETE | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/nope
      delete unknown digest        | DELETE | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/{missing}
      tags of unknown repository   | GET    | 404 | NAME_UNKNOWN              | /v2/library/nothere/tags/list
      unknown endpoint             | GET    | 404 | NAME_UNKNOWN              | /v2/library/fixture/nothing
      push into a missing project  | POST   | 404 | NAME_UNKNOWN              | /v2/ghost/repo/blobs/uploads/
      mount into a missing project | POST   | 404 | NAME_UNKNOWN              | /v2/ghost/repo/blobs/uploads/?mount={blob}&from=library/fixture
      upper-case name              | GET    | 400 | NAME_INVALID              | /v2/library/Fixture/tags/list
      upper-case project           | GET    | 400 | NAME_INVALID              | /v2/Library/fixture/manifests/latest
      empty component              | GET    | 400 | NAME_INVALID              | /v2/library//fixture/tags/list
      trailing separator           | GET    | 400 | NAME_INVALID              | /v2/library/fixture-/tags/list
      leading separator            | GET    | 400 | NAME_INVALID              | /v2/library/.fixture/blobs/{blob}
      name without project         | GET    | 400 | NAME_INVALID              | /v2/fixture/tags/list
      name over 255 characters     | GET    | 400 | NAME_INVALID              | /v2/{long-name}/tags/list
      tag of 129 characters        | GET    | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/{long-tag}
      tag starting with a dot      | GET    | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/.hidden
      tag starting with a dash     | GET    | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/-dash
      conformance's invalid name   | GET    | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/.INVALID_MANIFEST_NAME
      the same, HEAD               | HEAD   | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/.INVALID_MANIFEST_NAME
      delete invalid tag           | DELETE | 404 | MANIFEST_UNKNOWN          | /v2/library/fixture/manifests/.hidden
      name without project, HEAD   | HEAD   | 400 | NAME_INVALID              | /v2/fixture/manifests/latest
      short digest                 | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/sha256:short
      md5 digest                   | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/md5:{hex32}
      upper-case hex               | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/{BLOB}
      digest without algorithm     | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/{hex64}
      manifest short digest        | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/manifests/sha256:short
      delete blob, short digest    | DELETE | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/sha256:short
      referrers of a short digest  | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/referrers/sha256:short
      referrers of a tag           | GET    | 400 | DIGEST_INVALID            | /v2/library/fixture/referrers/latest
      POST ?digest= invalid        | POST   | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/uploads/?digest=sha256:short
      POST ?mount= invalid         | POST   | 400 | DIGEST_INVALID            | /v2/library/fixture/blobs/uploads/?mount=md5:00&from=library/elsewhere
      tags n negative              | GET    | 400 | PAGINATION_NUMBER_INVALID | /v2/library/fixture/tags/list?n=-1
      tags n not a number          | GET    | 400 | PAGINATION_NUMBER_INVALID | /v2/library/fixture/tags/list?n=ten
      tags n too big               | GET    | 400 | PAGINATION_NUMBER_INVALID | /v2/library/fixture/tags/list?n=99999999999
      catalog n not a number       | GET    | 400 | PAGINATION_NUMBER_INVALID | /v2/_catalog?n=x
      POST a manifest              | POST   | 405 | UNSUPPORTED               | /v2/library/fixture/manifests/latest
      PATCH the base               | PATCH  | 405 | UNSUPPORTED               | /v2/
      DELETE the catalog           | DELETE | 405 | UNSUPPORTED               | /v2/_catalog
      PUT a blob                   | PUT    | 405 | UNSUPPORTED               | /v2/library/fixture/blobs/{blob}
      POST a tags list             | POST   | 405 | UNSUPPORTED               | /v2/library/fixture/tags/list
      DELETE referrers             | DELETE | 405 | UNSUPPORTED               | /v2/library/fixture/referrers/{blob}
      GET the uploads collection   | GET    | 405 | UNSUPPORTED               | /v2/library/fixture/blobs/uploads/
      unknown upload, status       | GET    | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/{upload}
      unknown upload, PATCH        | PATCH  | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/{upload}
      unknown upload, PUT          | PUT    | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/{upload}?digest={blob}
      unknown upload, DELETE       | DELETE | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/{upload}
      upload id not a UUID         | GET    | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/not-an-id
      upload id with encoded ../   | PATCH  | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/..%2F..%2Fetc
      upload id ..                 | GET    | 404 | BLOB_UPLOAD_UNKNOWN       | /v2/library/fixture/blobs/uploads/..
      range past the end           | GET    | 416 | RANGE_INVALID             | /v2/library/fixture/blobs/{blob} | Range: bytes=1000-2000
      """;

  static Stream<Named<Call>> requests() {
    return REQUESTS
        .lines()
        .map(line -> line.split("\\s*\\|\\s*"))
        .map(
            cell ->
                Named.of(
                    cell[0].strip(),
                    new Call(
                        cell[1],
                        cell[4],
                        Integer.parseInt(cell[2]),
                        cell[3],
                        cell.length > 5 ? cell[5].split(":\\s*", 2) : new String[0])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  @Order(1)
  void request_isRejected(Call call) {
    String path =
        call.path()
            .replace("{long-name}", "library/" + "a".repeat(256 - "library/".length()))
            .replace("{long-tag}", "t".repeat(129))
            .replace("{hex32}", "0".repeat(32))
            .replace("{hex64}", HEX64)
            .replace("{blob}", blob)
            .replace("{BLOB}", "sha256:" + blob.substring(7).toUpperCase(Locale.ROOT))
            .replace("{missing}", OciClient.randomDigest())
            .replace("{upload}", UUID.randomUUID().toString());
    byte[] empty = new byte[0];
    Reply reply =
        call.method().equals("GET")
                || call.method().equals("HEAD")
                || call.method().equals("DELETE")
            ? oci.send(call.method(), path, null, call.headers())
            : oci.send(call.method(), path, BodyPublishers.ofByteArray(empty), call.headers());
    assertError(reply, call.status(), call.code());
  }

  // ---- raw paths that no URI class sends as written ----

  static Stream<Named<String>> rawTargets() {
    return Stream.of(
            "/v2/../etc/passwd",
            "/v2/library/../../etc/passwd",
            "/v2/library/fixture/../../../etc/passwd",
            "/v2/%2e%2e/%2e%2e/etc/passwd",
            "/v2/library/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/v2/library/fixture/blobs/uploads/../../etc",
            "/v2/library/fixture/blobs/uploads/%2e%2e%2f%2e%2e%2fetc",
            "/v2/library%2Ffixture/tags/list",
            "/v2/library/fixture%2F..%2F..%2Fetc/tags/list",
            "/v2/library/fixture/manifests/..%2Flatest",
            "/v2/library/fixture/blobs/%2e%2e",
            "/v2/library/fixture/tags/list?n=%ZZ",
            "/v2/library/fixture/tags/list?last=%",
            "/v2/%00/tags/list",
            "/v2/library/" + "a".repeat(300) + "/tags/list",
            "/v2/library/fixture/manifests/" + "t".repeat(5000),
            "/v2/" + "a/".repeat(5000) + "tags/list",
            "/v2/../api/v2.0/projects",
            "/v2/%2e%2e/api/v2.0/projects",
            "/v2/./../api/v2.0/projects",
            "/v2/..%2Fapi/v2.0/projects",
            "/v2/library/fixture/manifests/latest/../../../../api/v2.0/projects")
        .map(
            target ->
                Named.of(target.length() > 80 ? target.substring(0, 80) + "…" : target, target));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rawTargets")
  @Order(20)
  void rawPath_isA4xx(String target) {
    for (String method : List.of("GET", "HEAD", "DELETE")) {
      int status = oci.raw(method, target);
      assertTrue(status >= 400 && status < 500, method + " " + target + " -> " + status);
    }
    int patch = oci.raw("PATCH", target, "Content-Length: 0");
    assertTrue(patch >= 400 && patch < 500, "PATCH " + target + " -> " + patch);
  }

  @Test
  @Order(22)
  void headErrorAnnouncesTheLengthGetSends() {
    // Long enough to be abbreviated with "…", a character of three bytes.
    String path = "/v2/" + REPO + "/manifests/." + "x".repeat(199);
    Reply get = oci.get(path);
    assertError(get, 404, "MANIFEST_UNKNOWN");
    Reply head = oci.head(path);
    assertError(head, 404, "MANIFEST_UNKNOWN");
    assertTrue(head.header("Warning").contains("x? is not in"), "\"…\" as ASCII: " + head);
    assertEquals(String.valueOf(get.body().length), head.header("Content-Length"));
  }

  @Test
  @Order(23)
  void blobLostFromStorageIsA404NoCacheKeeps() throws Exception {
    String digest = oci.pushBlob(REPO, bytes("bytes that storage will lose"));
    Path file = new FilesystemBlobStore(cairn.config().blobsDir()).fileOf(digest).orElseThrow();
    Files.delete(file);
    for (String range : List.of("bytes=0-3", "bytes=0-")) {
      Reply reply = oci.get("/v2/" + REPO + "/blobs/" + digest, "Range", range);
      assertError(reply, 404, "BLOB_UNKNOWN");
      for (String header : List.of("Cache-Control", "ETag", "Content-Range")) {
        assertEquals(null, reply.header(header), header + " on " + reply);
      }
    }
  }

  @Test
  @Order(24)
  void manifestLostFromStorageIsA404() throws Exception {
    String lost = "library/lost";
    byte[] config = bytes("{\"lost\":true}");
    oci.pushBlob(lost, config);
    byte[] manifest =
        bytes(
            new JsonObject()
                .put("schemaVersion", 2)
                .put("mediaType", OCI_MANIFEST)
                .put(
                    "config",
                    new JsonObject()
                        .put("mediaType", "application/vnd.oci.image.config.v1+json")
                        .put("digest", digest(config))
                        .put("size", config.length))
                .put("layers", new JsonArray())
                .encode());
    assertEquals(201, oci.putManifest(lost, "lost", OCI_MANIFEST, manifest).status());
    String digest = digest(manifest);
    Files.delete(new FilesystemBlobStore(cairn.config().blobsDir()).fileOf(digest).orElseThrow());

    assertError(oci.get("/v2/" + lost + "/manifests/lost"), 404, "MANIFEST_UNKNOWN");
    assertError(oci.get("/v2/" + lost + "/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
    before = Snapshot.take(); // the repository was created on purpose
  }

  @Test
  @Order(21)
  void rawManifestPutWithMalformedContentLengthIsRejected() {
    byte[] head =
        ("PUT /v2/"
                + REPO
                + "/manifests/raw HTTP/1.1\r\nHost: x\r\nContent-Type: "
                + OCI_MANIFEST
                + "\r\nContent-Length: 12abc\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int status = oci.rawExchange(head, image.manifest());
    assertTrue(status >= 400 && status < 500, "-> " + status);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void showsItsErrorCodes() {
    assertShown(CODES);
  }
}

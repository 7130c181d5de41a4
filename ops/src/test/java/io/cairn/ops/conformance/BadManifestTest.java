package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.DOCKER_LIST;
import static io.cairn.ops.conformance.OciClient.DOCKER_MANIFEST;
import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_INDEX;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.descriptor;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.imageManifest;
import static io.cairn.ops.conformance.OciClient.index;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.ops.conformance.OciClient.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Manifests that must be refused, and the limits of what is accepted. */
class BadManifestTest extends BadInputSuite {
  /** The error codes, with their statuses, that this class provokes. */
  static final List<String> CODES =
      List.of(
          "BLOB_UNKNOWN 404",
          "DIGEST_INVALID 400",
          "MANIFEST_BLOB_UNKNOWN 400",
          "MANIFEST_INVALID 400",
          "MANIFEST_TOO_LARGE 413",
          "MANIFEST_UNKNOWN 404",
          "NAME_INVALID 400",
          "NAME_UNKNOWN 404",
          "TAG_INVALID 400");

  // ---- manifests: a table of bodies ----

  /** A manifest PUT and the error it must get; {@code body} is built from the fixture. */
  record ManifestPut(
      String repository,
      String reference,
      String contentType,
      Supplier<String> body,
      int status,
      String code) {
    Named<ManifestPut> named(String name) {
      return Named.of(name, this);
    }
  }

  static Stream<Named<ManifestPut>> manifests() {
    return Stream.of(
        bad("malformed JSON", () -> "{\"schemaVersion\":2,", "MANIFEST_INVALID"),
        bad("a JSON array", () -> "[1,2]", "MANIFEST_INVALID"),
        bad("a JSON string", () -> "\"manifest\"", "MANIFEST_INVALID"),
        bad("JSON null", () -> "null", "MANIFEST_INVALID"),
        bad("an empty body", () -> "", "MANIFEST_INVALID"),
        bad("schemaVersion 1", () -> good().put("schemaVersion", 1).encode(), "MANIFEST_INVALID"),
        bad(
            "schemaVersion as a string",
            () -> good().put("schemaVersion", "2").encode(),
            "MANIFEST_INVALID"),
        bad("no schemaVersion", () -> without(good(), "schemaVersion"), "MANIFEST_INVALID"),
        bad(
            "unknown mediaType",
            () -> good().put("mediaType", "application/vnd.example.unknown+json").encode(),
            "MANIFEST_INVALID"),
        new ManifestPut(
                REPO,
                "no-type",
                "application/vnd.example.unknown+json",
                () -> without(good(), "mediaType"),
                400,
                "MANIFEST_INVALID")
            .named("no mediaType and an unknown Content-Type"),
        bad(
            "Docker schema 1",
            () ->
                good()
                    .put("schemaVersion", 1)
                    .put("mediaType", "application/vnd.docker.distribution.manifest.v1+prettyjws")
                    .encode(),
            "MANIFEST_INVALID"),
        new ManifestPut(REPO, "clash", OCI_INDEX, () -> good().encode(), 400, "MANIFEST_INVALID")
            .named("Content-Type disagrees with mediaType"),
        bad("no config", () -> without(good(), "config"), "MANIFEST_INVALID"),
        bad("layers not an array", () -> good().put("layers", "none").encode(), "MANIFEST_INVALID"),
        bad(
            "config digest not a digest",
            () -> good().put("config", descriptor(OCI_CONFIG, "sha256:nothex", 2)).encode(),
            "MANIFEST_INVALID"),
        bad(
            "layer digest md5",
            () -> withLayer(descriptor(OCI_LAYER, "md5:" + "0".repeat(32), 3)),
            "MANIFEST_INVALID"),
        bad(
            "layer digest upper-case",
            () -> withLayer(descriptor(OCI_LAYER, layer.digest().toUpperCase(Locale.ROOT), 3)),
            "MANIFEST_INVALID"),
        bad(
            "negative size",
            () -> withLayer(descriptor(OCI_LAYER, layer.digest(), -1)),
            "MANIFEST_INVALID"),
        bad(
            "fractional size",
            () -> withLayer(descriptor(OCI_LAYER, layer.digest(), 0).put("size", 1.5)),
            "MANIFEST_INVALID"),
        bad(
            "descriptor without mediaType",
            () -> withLayer(new JsonObject().put("digest", layer.digest()).put("size", 13)),
            "MANIFEST_INVALID"),
        bad(
            "annotations not strings",
            () -> good().put("annotations", new JsonObject().put("n", 1)).encode(),
            "MANIFEST_INVALID"),
        bad(
            "missing layer",
            () -> withLayer(descriptor(OCI_LAYER, OciClient.randomDigest(), 10)),
            "MANIFEST_BLOB_UNKNOWN"),
        bad(
            "missing config",
            () ->
                good().put("config", descriptor(OCI_CONFIG, OciClient.randomDigest(), 2)).encode(),
            "MANIFEST_BLOB_UNKNOWN"),
        bad(
            "layer only in another repository",
            () -> withLayer(descriptor(OCI_LAYER, elsewhere, 28)),
            "MANIFEST_BLOB_UNKNOWN"),
        new ManifestPut(
                REPO,
                "index-missing",
                OCI_INDEX,
                () ->
                    index(OCI_INDEX, descriptor(OCI_MANIFEST, OciClient.randomDigest(), 100))
                        .encode(),
                400,
                "MANIFEST_BLOB_UNKNOWN")
            .named("index with a missing child"),
        new ManifestPut(
                REPO,
                "list-missing",
                DOCKER_LIST,
                () ->
                    index(DOCKER_LIST, descriptor(DOCKER_MANIFEST, OciClient.randomDigest(), 100))
                        .encode(),
                400,
                "MANIFEST_BLOB_UNKNOWN")
            .named("Docker manifest list with a missing child"),
        new ManifestPut(
                REPO,
                "index-partly",
                OCI_INDEX,
                () ->
                    index(
                            OCI_INDEX,
                            descriptor(OCI_MANIFEST, image.digest(), image.size()),
                            descriptor(OCI_MANIFEST, OciClient.randomDigest(), 100))
                        .encode(),
                400,
                "MANIFEST_BLOB_UNKNOWN")
            .named("index with one known and one missing child"),
        new ManifestPut(
                REPO,
                OciClient.randomDigest(),
                OCI_MANIFEST,
                () -> good().put("annotations", new JsonObject().put("x", "y")).encode(),
                400,
                "DIGEST_INVALID")
            .named("PUT by a digest of other bytes"),
        new ManifestPut(
                REPO, "sha256:short", OCI_MANIFEST, () -> good().encode(), 400, "DIGEST_INVALID")
            .named("PUT by a malformed digest"),
        new ManifestPut(REPO, ".hidden", OCI_MANIFEST, () -> good().encode(), 400, "TAG_INVALID")
            .named("PUT to a tag starting with a dot"),
        new ManifestPut(
                REPO, "t".repeat(129), OCI_MANIFEST, () -> good().encode(), 400, "TAG_INVALID")
            .named("PUT to a tag of 129 characters"),
        new ManifestPut(
                "library/Fixture",
                "latest",
                OCI_MANIFEST,
                () -> good().encode(),
                400,
                "NAME_INVALID")
            .named("PUT into an upper-case name"),
        new ManifestPut(
                "ghost/repo", "latest", OCI_MANIFEST, () -> good().encode(), 404, "NAME_UNKNOWN")
            .named("PUT into a missing project"));
  }

  private static Named<ManifestPut> bad(String name, Supplier<String> body, String code) {
    String tag = "bad-" + Integer.toHexString(name.hashCode());
    return new ManifestPut(REPO, tag, OCI_MANIFEST, body, 400, code).named(name);
  }

  /** A valid image manifest of the fixture, to spoil one field of. */
  private static JsonObject good() {
    return imageManifest(OCI_MANIFEST, config, layer)
        .put("annotations", new JsonObject().put("variant", UUID.randomUUID().toString()));
  }

  private static String without(JsonObject manifest, String field) {
    manifest.remove(field);
    return manifest.encode();
  }

  private static String withLayer(JsonObject descriptor) {
    JsonObject manifest = good();
    manifest.getJsonArray("layers").add(descriptor);
    return manifest.encode();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  @Order(2)
  void manifest_isRejectedAndNothingIsStored(ManifestPut put) {
    byte[] body = put.body().get().getBytes(StandardCharsets.UTF_8);
    Reply reply = oci.putManifest(put.repository(), put.reference(), put.contentType(), body);
    assertError(reply, put.status(), put.code());
    assertNothingStored(put.repository(), put.reference(), body);
  }

  @Test
  @Order(3)
  void manifest_overFourMebibytesIsRejected() {
    byte[] huge = hugeManifest();
    Reply announced = oci.putManifest(REPO, "huge", OCI_MANIFEST, huge);
    assertTooLarge(announced);
    assertNothingStored(REPO, "huge", huge);

    // Streamed without a Content-Length: the limit must hold while reading.
    Reply streamed =
        oci.send(
            "PUT",
            "/v2/" + REPO + "/manifests/huge",
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)),
            "Content-Type",
            OCI_MANIFEST);
    assertTooLarge(streamed);
    assertNothingStored(REPO, "huge", huge);
  }

  private static void assertTooLarge(Reply reply) {
    if (reply.status() == 413) {
      assertError(reply, 413, "MANIFEST_TOO_LARGE");
    } else {
      assertError(reply, 400, "MANIFEST_INVALID");
    }
  }

  /** A valid manifest, but for an annotation that makes it 4 MiB and a bit. */
  private static byte[] hugeManifest() {
    JsonObject manifest = good();
    manifest.put("annotations", new JsonObject().put("padding", "p".repeat(4 * 1024 * 1024)));
    return bytes(manifest.encode());
  }

  @Test
  @Order(4)
  void manifest_missingSubjectIsAccepted() {
    String subject = OciClient.randomDigest(); // never pushed
    byte[] body = bytes(good().put("subject", descriptor(OCI_MANIFEST, subject, 123)).encode());
    Reply reply = oci.putManifest(REPO, digest(body), OCI_MANIFEST, body);
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(subject, reply.header("OCI-Subject"));
    assertEquals(200, oci.get("/v2/" + REPO + "/manifests/" + digest(body)).status());
    JsonArray referrers =
        oci.get("/v2/" + REPO + "/referrers/" + subject).json().getJsonArray("manifests");
    assertEquals(1, referrers.size(), referrers::encode);
    // Untagged, in a repository that exists: the snapshot (catalog, tags) must be unchanged.
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void showsItsErrorCodes() {
    assertShown(CODES);
  }
}

package io.cairn.ops.conformance;

import static io.cairn.ops.conformance.OciClient.OCI_CONFIG;
import static io.cairn.ops.conformance.OciClient.OCI_LAYER;
import static io.cairn.ops.conformance.OciClient.OCI_MANIFEST;
import static io.cairn.ops.conformance.OciClient.assertError;
import static io.cairn.ops.conformance.OciClient.bytes;
import static io.cairn.ops.conformance.OciClient.digest;
import static io.cairn.ops.conformance.OciClient.imageManifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gets the OCI error code and status the spec gives it, in the one error body, and
 * writes nothing: after each test the catalog, the fixture's tags and the projects are what they
 * were, and each write test checks with GETs that nothing of its request became visible. No
 * request, however malformed, may be answered with a redirect or a server error. One class per kind
 * of input; each also proves it saw the error codes it is responsible for ({@link
 * ErrorCatalogueTest} checks that together they cover the catalogue).
 */
@ExtendWith(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BadInputSuite {
  static final String REPO = "library/fixture";
  static final String HEX64 = "a".repeat(64);

  @TempDir static Path dataDir;

  static TestCairn cairn;
  static OciClient oci;

  /** The fixture: an image in {@link #REPO}, and one more blob. */
  static Blob config;

  static Blob layer;
  static Image image;
  static String blob;
  static String elsewhere;

  /** What the registry showed before each test; tests that write on purpose re-take it. */
  static Snapshot before;

  @BeforeAll
  static void start() throws Exception {
    cairn = TestCairn.start(dataDir);
    oci = new OciClient(cairn.url());
    OciClient.SEEN_CODES.clear(); // each class shows its own codes
    config = Blob.of(OCI_CONFIG, bytes("{\"fixture\":true}"));
    layer = Blob.of(OCI_LAYER, bytes("fixture layer"));
    oci.pushBlob(REPO, config.content());
    oci.pushBlob(REPO, layer.content());
    byte[] manifest = bytes(imageManifest(OCI_MANIFEST, config, layer).encode());
    image = new Image(oci.pushManifest(REPO, "latest", OCI_MANIFEST, manifest), manifest);
    blob = oci.pushBlob(REPO, bytes("0123456789abcdef"));
    elsewhere = oci.pushBlob("library/elsewhere", bytes("a blob of another repository"));
    before = Snapshot.take();
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @AfterEach
  void nothingChanged() {
    assertEquals(before, Snapshot.take(), "a rejected request changed what the registry shows");
  }

  /** The registry's visible state, as GETs show it. */
  record Snapshot(List<String> catalog, List<String> fixtureTags, List<String> projects) {
    static Snapshot take() {
      Reply catalog = oci.get("/v2/_catalog");
      Reply tags = oci.get("/v2/" + REPO + "/tags/list");
      Reply projects = oci.get("/api/v2.0/projects");
      assertEquals(200, catalog.status(), catalog::toString);
      assertEquals(200, tags.status(), tags::toString);
      assertEquals(200, projects.status(), projects::toString);
      List<String> names = new ArrayList<>();
      new JsonArray(projects.text()).forEach(p -> names.add(((JsonObject) p).getString("name")));
      return new Snapshot(
          strings(catalog.json().getJsonArray("repositories")),
          strings(tags.json().getJsonArray("tags")),
          names);
    }
  }

  /** A request and the error it must get. */
  record Call(String method, String path, int status, String code, String... headers) {}

  /** Fails unless every one of {@code codes} ("CODE status") was answered and checked. */
  static void assertShown(List<String> codes) {
    TreeSet<String> missing = new TreeSet<>(codes);
    missing.removeAll(OciClient.SEEN_CODES);
    assertTrue(missing.isEmpty(), "never seen: " + missing + "; seen " + OciClient.SEEN_CODES);
  }

  static String startUpload() {
    Reply started = oci.post("/v2/" + REPO + "/blobs/uploads/", new byte[0]);
    assertEquals(202, started.status(), started::toString);
    return started.header("Location");
  }

  static void cancel(String location) {
    assertEquals(204, oci.delete(location).status());
  }

  static Reply patch(String location, byte[] chunk, int from) {
    return oci.patch(
        location,
        chunk,
        "Content-Type",
        "application/octet-stream",
        "Content-Range",
        from + "-" + (from + chunk.length - 1));
  }

  /** Neither the tag nor the bytes' digest became visible, as a manifest or as a blob. */
  static void assertNothingStored(String repository, String reference, byte[] body) {
    String digest = digest(body);
    if (!reference.contains(":")
        && reference.length() <= 128
        && !reference.startsWith(".")
        && repository.equals(REPO)) {
      assertError(
          oci.get("/v2/" + repository + "/manifests/" + reference), 404, "MANIFEST_UNKNOWN");
    }
    if (repository.equals(REPO)) {
      assertError(oci.get("/v2/" + repository + "/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
      assertBlobAbsent(repository, digest);
    }
  }

  static void assertBlobAbsent(String repository, String digest) {
    assertEquals(404, oci.head("/v2/" + repository + "/blobs/" + digest).status());
    assertError(oci.get("/v2/" + repository + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    // Nor can it be mounted from there: nothing was linked behind the answer's back.
    Reply mount =
        oci.post(
            "/v2/library/mount-probe/blobs/uploads/?mount=" + digest + "&from=" + repository,
            new byte[0]);
    assertEquals(202, mount.status(), mount::toString);
    cancel(mount.header("Location"));
  }

  static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> out.add((String) value));
    }
    return out;
  }
}

package io.cairn.ops.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.OciLayoutBlob;
import io.cairn.ops.testing.OciLayoutImage;
import io.cairn.ops.testing.OciLayoutIndex;
import io.cairn.ops.testing.OciLayoutReader;
import io.cairn.ops.testing.OciLayoutWriter;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code skopeo} against a whole Cairn: push from an OCI layout, inspect, list, pull back
 * byte for byte, multi-platform copies, format conversion, delete, cross-repository mounts, and the
 * error a push into a missing project gets. Each test uses repositories of its own.
 */
@ExtendWith(SharedKafka.class)
class SkopeoTest {
  private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

  @TempDir static Path tmp;

  private static TestCairn cairn;
  private static Skopeo skopeo;
  private static RegistryHttp http;
  private static OciLayoutWriter layout;
  private static OciLayoutImage v1;
  private static OciLayoutImage v2;
  private static OciLayoutImage v3;
  private static OciLayoutIndex multi;

  @BeforeAll
  static void start() throws Exception {
    cairn = TestCairn.start(tmp.resolve("cairn"));
    Path work = Files.createDirectories(tmp.resolve("skopeo"));
    skopeo = new Skopeo(work, Duration.ofSeconds(90));
    http = new RegistryHttp(cairn.url());
    v1 = OciLayoutImage.generated(1, 64);
    v2 = OciLayoutImage.generated(2, 16);
    v3 = OciLayoutImage.generated(3, 4, 1, "amd64");
    multi = OciLayoutIndex.twoPlatforms(4, 16);
    layout =
        OciLayoutWriter.create(tmp.resolve("layout"))
            .tag("v1", v1)
            .tag("v2", v2)
            .tag("v3", v3)
            .tag("multi", multi);
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void pushesFromAnOciLayoutAndServesTheManifestByteForByte() throws Exception {
    push("v1", "library/app:v1");

    byte[] raw = Skopeo.bytes(skopeo.inspectRaw(docker("library/app:v1")));
    assertArrayEquals(v1.manifest().bytes(), raw, "skopeo inspect --raw");

    HttpResponse<byte[]> get = http.get("/v2/library/app/manifests/v1");
    assertEquals(200, get.statusCode());
    assertArrayEquals(v1.manifest().bytes(), get.body(), "GET body");
    assertEquals(Digest.sha256(get.body()).toString(), header(get, "Docker-Content-Digest"));
    assertEquals(v1.digest(), header(get, "Docker-Content-Digest"));
    assertEquals(OciLayoutImage.MANIFEST, header(get, "Content-Type"));
  }

  @Test
  void listTagsShowsEveryPushedTag() throws Exception {
    push("v1", "library/tags:v1");
    push("v2", "library/tags:v2");
    push("v3", "library/tags:v3");

    JsonObject listed =
        new JsonObject(skopeo.listTags(docker("library/tags")).expectSuccess().stdout());
    assertEquals(List.of("v1", "v2", "v3"), sorted(listed.getJsonArray("Tags")), listed.encode());
  }

  @Test
  void pullsBackEveryBlobByteForByte() throws Exception {
    push("v1", "library/pull:v1");
    Path out = tmp.resolve("pulled");

    skopeo.copy(docker("library/pull:v1"), "oci:" + out + ":v1").expectSuccess();

    OciLayoutReader pulled = new OciLayoutReader(out);
    assertEquals(v1.digest(), pulled.digestOf("v1"));
    assertArrayEquals(v1.manifest().bytes(), pulled.blob(v1.digest()), "manifest");
    for (OciLayoutBlob blob : v1.blobs()) {
      assertArrayEquals(blob.bytes(), pulled.blob(blob.digest()), blob.toString());
    }
  }

  @Test
  void copiesATwoPlatformIndexWithAllAndBack() throws Exception {
    skopeo.copy("--all", layout.reference("multi"), docker("library/multi:v1")).expectSuccess();

    byte[] index = Skopeo.bytes(skopeo.inspectRaw(docker("library/multi:v1")));
    assertArrayEquals(multi.index().bytes(), index, "index from the registry");
    for (OciLayoutImage child : multi.images()) {
      byte[] raw = Skopeo.bytes(skopeo.inspectRaw(docker("library/multi@" + child.digest())));
      assertArrayEquals(child.manifest().bytes(), raw, child.architecture() + " manifest");
    }

    Path out = tmp.resolve("pulled-multi");
    skopeo.copy("--all", docker("library/multi:v1"), "oci:" + out + ":v1").expectSuccess();
    OciLayoutReader pulled = new OciLayoutReader(out);
    assertEquals(multi.digest(), pulled.digestOf("v1"));
    assertArrayEquals(multi.index().bytes(), pulled.blob(multi.digest()), "index pulled back");
    for (OciLayoutImage child : multi.images()) {
      assertArrayEquals(child.manifest().bytes(), pulled.blob(child.digest()), "child manifest");
      for (OciLayoutBlob blob : child.blobs()) {
        assertArrayEquals(blob.bytes(), pulled.blob(blob.digest()), blob.toString());
      }
    }
  }

  @Test
  void convertsToDockerSchema2OnACopyBetweenRepositories() throws Exception {
    push("v1", "library/oci-src:v1");

    skopeo
        .copy("--format", "v2s2", docker("library/oci-src:v1"), docker("library/docker-dst:v1"))
        .expectSuccess();

    HttpResponse<byte[]> get = http.get("/v2/library/docker-dst/manifests/v1");
    assertEquals(200, get.statusCode());
    assertEquals(DOCKER_V2, header(get, "Content-Type"));
    JsonObject manifest = new JsonObject(new String(get.body(), StandardCharsets.UTF_8));
    assertEquals(DOCKER_V2, manifest.getString("mediaType"));
    assertEquals(Digest.sha256(get.body()).toString(), header(get, "Docker-Content-Digest"));
    assertEquals(v1.config().digest(), manifest.getJsonObject("config").getString("digest"));

    JsonObject inspected =
        new JsonObject(skopeo.inspect(docker("library/docker-dst:v1")).expectSuccess().stdout());
    assertEquals("amd64", inspected.getString("Architecture"));
    assertEquals(header(get, "Docker-Content-Digest"), inspected.getString("Digest"));
    List<String> layers = v1.layers().stream().map(OciLayoutBlob::digest).toList();
    assertEquals(layers, inspected.getJsonArray("Layers").getList());
  }

  @Test
  void deleteRemovesTheManifestAndItsTag() throws Exception {
    push("v1", "library/del:v1");
    push("v2", "library/del:keep");

    skopeo.delete(docker("library/del:v1")).expectSuccess();

    Skopeo.Result gone = skopeo.inspectRaw(docker("library/del:v1"));
    assertFalse(gone.ok(), gone.toString());
    assertTrue(gone.stderr().contains("manifest unknown"), gone.toString());
    JsonObject tags = RegistryHttp.json(http.get("/v2/library/del/tags/list"), 200);
    assertEquals(List.of("keep"), sorted(tags.getJsonArray("tags")), tags.encode());
    HttpResponse<byte[]> byDigest = http.get("/v2/library/del/manifests/" + v1.digest());
    assertEquals("MANIFEST_UNKNOWN", errorCode(RegistryHttp.json(byDigest, 404)));
  }

  @Test
  void pushIntoAMissingProjectFailsWithNameUnknown() throws Exception {
    Skopeo.Result push = skopeo.copy(layout.reference("v3"), docker("nosuch/app:v1"));

    assertFalse(push.ok(), push.toString());
    assertTrue(push.stderr().contains("name unknown"), push.toString());
    assertTrue(push.stderr().contains("nosuch"), push.toString());
    HttpResponse<byte[]> post = http.post("/v2/nosuch/app/blobs/uploads/", "text/plain", "");
    assertEquals("NAME_UNKNOWN", errorCode(RegistryHttp.json(post, 404)));
  }

  @Test
  void copyToASecondRepositoryOfTheProjectMountsTheBlobs() throws Exception {
    push("v1", "library/mount-a:v1");

    Skopeo.Result copy =
        skopeo
            .run(
                List.of(
                    "--debug",
                    "copy",
                    "--dest-tls-verify=false",
                    "--dest-creds=" + Login.ADMIN.creds(),
                    layout.reference("v1"),
                    docker("library/mount-b:v1")))
            .expectSuccess();

    for (OciLayoutBlob layer : v1.layers()) {
      String mount = "mount=" + layer.digest().replace(":", "%3A");
      assertTrue(copy.stderr().contains(mount), "no mount of " + layer + ": " + copy);
    }
    assertTrue(
        copy.stderr().split("mount OK", -1).length - 1 >= v1.layers().size(),
        "the registry did not answer 201 to every mount: " + copy);
    for (OciLayoutBlob blob : v1.blobs()) {
      HttpResponse<byte[]> head = http.head("/v2/library/mount-b/blobs/" + blob.digest());
      assertEquals(200, head.statusCode(), blob.toString());
      assertEquals(Long.toString(blob.size()), header(head, "Content-Length"), blob.toString());
      assertEquals(blob.digest(), header(head, "Docker-Content-Digest"));
    }
  }

  private static void push(String layoutTag, String repositoryAndTag) throws Exception {
    skopeo.copy(layout.reference(layoutTag), docker(repositoryAndTag)).expectSuccess();
  }

  private static String docker(String repositoryAndReference) {
    return "docker://" + cairn.host() + "/" + repositoryAndReference;
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static String errorCode(JsonObject body) {
    return body.getJsonArray("errors").getJsonObject(0).getString("code");
  }

  private static List<String> sorted(JsonArray array) {
    return array.stream().map(String::valueOf).sorted().toList();
  }
}

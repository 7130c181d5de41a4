package io.cairn.replication.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.replication.testing.Content;
import io.cairn.replication.testing.RegistryProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real CNCF distribution 2.8. */
class OciClientTest {
  @TempDir static Path dir;
  static RegistryProcess registry;
  static OciClient client;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryProcess.start(dir.resolve("registry"));
    client = new OciClient(registry.anonymous(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
  }

  @Test
  void pingAnswersOk() {
    assertEquals(new Ping(true, true, 200, "ok"), client.ping());
  }

  @Test
  void smallBlobGoesInOnePutAndComesBack() throws IOException {
    byte[] bytes = "hello blob".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(bytes);
    assertFalse(client.hasBlob("t/small", d.toString()));
    client.putBlob("t/small", d.toString(), bytes.length, new ByteArrayInputStream(bytes));
    assertTrue(client.hasBlob("t/small", d.toString()));
    try (InputStream in = client.getBlob("t/small", d.toString())) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    assertEquals(0, registry.requestsMatching("PATCH /v2/t/small/"));
  }

  @Test
  void aRegistryThatIgnoresASinglePostIsAskedOnceThenPushedToTheOrdinaryWay() throws IOException {
    // Distribution answers a POST ?digest= with a session (202), as the spec allows: the same
    // bytes complete it, and the client does not try the single POST again.
    OciClient fresh = new OciClient(registry.anonymous(), Duration.ofSeconds(10));
    for (String text : List.of("first small blob", "second small blob")) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.sha256(bytes);
      fresh.putBlob("t/single", d.toString(), bytes.length, new ByteArrayInputStream(bytes));
      try (InputStream in = fresh.getBlob("t/single", d.toString())) {
        assertArrayEquals(bytes, in.readAllBytes());
      }
    }
    assertEquals(1, registry.requestsMatching("\"POST /v2/t/single/blobs/uploads/?digest="));
    assertEquals(2, registry.requestsMatching("\"POST /v2/t/single/blobs/uploads/"));
  }

  @Test
  void largeBlobGoesInChunks() throws IOException {
    byte[] bytes = new byte[20 * 1024 * 1024];
    new Random(20).nextBytes(bytes);
    Digest d = Digest.sha256(bytes);
    client.putBlob("t/large", d.toString(), bytes.length, new ByteArrayInputStream(bytes));
    assertTrue(client.hasBlob("t/large", d.toString()));
    assertEquals(3, registry.requestsMatching("\"PATCH /v2/t/large/blobs/uploads/"));
    try (InputStream in = client.getBlob("t/large", d.toString())) {
      assertEquals(d, Digest.sha256(in.readAllBytes()));
    }
  }

  @Test
  void wrongDigestFailsPermanentlyAndLeavesNoBlob() throws IOException {
    byte[] bytes = "not what the digest says".getBytes(StandardCharsets.UTF_8);
    String claimed = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8)).toString();
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                client.putBlob("t/wrong", claimed, bytes.length, new ByteArrayInputStream(bytes)));
    assertTrue(e.permanent());
    assertFalse(client.hasBlob("t/wrong", claimed));
  }

  @Test
  void wrongDigestOfAChunkedBlobFailsBeforeTheClosingPut() throws IOException {
    byte[] bytes = new byte[9 * 1024 * 1024];
    String claimed = Digest.sha256(new byte[] {1}).toString();
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                client.putBlob(
                    "t/wrongbig", claimed, bytes.length, new ByteArrayInputStream(bytes)));
    assertTrue(e.permanent());
    assertEquals("DIGEST_INVALID", e.code());
    assertEquals(0, registry.requestsMatching("\"PUT /v2/t/wrongbig/blobs/uploads/"));
    assertFalse(client.hasBlob("t/wrongbig", claimed));
  }

  @Test
  void aStreamShorterThanItsSizeFails() {
    byte[] bytes = "short".getBytes(StandardCharsets.UTF_8);
    String d = Digest.sha256(bytes).toString();
    assertThrows(
        IOException.class,
        () -> client.putBlob("t/short", d, bytes.length + 10, new ByteArrayInputStream(bytes)));
  }

  @Test
  void manifestsByDigestAndTagThenDelete() throws IOException {
    Content content = new Content(client, "t/manifests");
    Manifest image = content.image("m", "layer one", "layer two");
    client.putManifest("t/manifests", "v1", image.mediaType(), image.bytes());

    Descriptor head = client.headManifest("t/manifests", "v1").orElseThrow();
    assertEquals(image.digest(), head.digest());
    assertEquals(MediaTypes.OCI_MANIFEST, head.mediaType());
    assertEquals(image.bytes().length, head.size());

    Manifest got = client.getManifest("t/manifests", image.digest().toString());
    assertArrayEquals(image.bytes(), got.bytes());
    assertEquals(image.digest(), got.digest());
    assertEquals(2, got.parse().layers().size());

    assertTrue(client.tags("t/manifests").contains("v1"));
    assertTrue(client.deleteManifest("t/manifests", image.digest().toString()));
    assertFalse(client.deleteManifest("t/manifests", image.digest().toString()));
    assertTrue(client.headManifest("t/manifests", image.digest().toString()).isEmpty());
    assertTrue(client.headManifest("t/manifests", "v1").isEmpty());
  }

  @Test
  void missingManifestIsAPermanent404() {
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () -> client.getManifest("t/none", Digest.sha256(new byte[] {9}).toString()));
    assertEquals(404, e.status());
    assertTrue(e.permanent());
  }

  @Test
  void aManifestNamingAMissingBlobIsRefusedPermanently() throws IOException {
    Descriptor ghost =
        new Descriptor(
            "application/vnd.oci.image.layer.v1.tar+gzip",
            Digest.sha256("never pushed".getBytes(StandardCharsets.UTF_8)),
            12,
            null,
            null);
    Manifest m = Content.manifest(ghost, List.of(ghost), null, null, Map.of());
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () -> client.putManifest("t/reject", "v1", m.mediaType(), m.bytes()));
    assertEquals(400, e.status());
    assertEquals("MANIFEST_BLOB_UNKNOWN", e.code());
    assertTrue(e.permanent());
  }

  @Test
  void mountFromAnotherRepositoryAndFallBackWhenAbsent() throws IOException {
    byte[] bytes = "mount me".getBytes(StandardCharsets.UTF_8);
    String d = Digest.sha256(bytes).toString();
    client.putBlob("t/mount-src", d, bytes.length, new ByteArrayInputStream(bytes));
    assertTrue(client.mountBlob("t/mount-dst", d, "t/mount-src"));
    assertTrue(client.hasBlob("t/mount-dst", d));

    String absent = Digest.sha256("absent".getBytes(StandardCharsets.UTF_8)).toString();
    assertFalse(client.mountBlob("t/mount-dst", absent, "t/mount-src"));
    assertFalse(client.hasBlob("t/mount-dst", absent));
  }

  @Test
  void tagsOfAMissingRepositoryAreEmptyAndManyTagsAllCome() throws IOException {
    assertEquals(List.of(), client.tags("t/never"));
    Content content = new Content(client, "t/tags");
    Manifest image = content.image("tags", "x");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      client.putManifest("t/tags", "v" + i, image.mediaType(), image.bytes());
      expected.add("v" + i);
    }
    // Distribution 2.8 lists tags in no particular order, despite the spec's lexical order.
    assertEquals(expected, client.tags("t/tags").stream().sorted().toList());
  }

  @Test
  void distribution28HasNoReferrersApi() throws IOException {
    assertTrue(client.referrers("t/manifests", Digest.sha256(new byte[] {3}).toString()).isEmpty());
  }

  @Test
  void unreachableRegistryIsNotPermanent() throws IOException {
    OciClient nowhere =
        new OciClient(
            Endpoint.anonymous(URI.create("http://127.0.0.1:" + RegistryProcess.freePort())),
            Duration.ofSeconds(2));
    RegistryException e =
        assertThrows(RegistryException.class, () -> nowhere.headManifest("a/b", "latest"));
    assertFalse(e.permanent());
    assertEquals(0, e.status());
    Ping ping = nowhere.ping();
    assertFalse(ping.reachable());
    assertFalse(ping.authenticated());
  }

  @Test
  void badNamesFailPermanentlyBeforeAnyRequest() {
    Map<String, org.junit.jupiter.api.function.Executable> calls =
        Map.of(
            "NAME_INVALID", () -> client.headManifest("Upper/Case", "v1"),
            "TAG_INVALID", () -> client.headManifest("a/b", "bad tag"),
            "DIGEST_INVALID", () -> client.hasBlob("a/b", "sha256:nothex"));
    calls.forEach(
        (code, call) -> {
          RegistryException e = assertThrows(RegistryException.class, call);
          assertEquals(code, e.code());
          assertTrue(e.permanent());
        });
    assertThrows(RegistryException.class, () -> client.getManifest("a/b", "sha256:short"));
    assertThrows(RegistryException.class, () -> client.tags("../etc"));
    assertThrows(RegistryException.class, () -> client.mountBlob("a/b", "sha256:x", "c/d"));
  }
}

package io.cairn.replication.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import io.cairn.replication.testing.Content;
import io.cairn.replication.testing.RegistryProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies between two real distribution 2.8 registries (neither has the referrers API, so both carry
 * the referrers tag-schema index). Each test copies into its own target repository.
 */
class ArtifactCopierTest {
  static final String SRC = "app/web";

  @TempDir static Path dir;
  static RegistryProcess sourceRegistry;
  static RegistryProcess targetRegistry;
  static OciClient source;
  static OciClient target;

  static Manifest image;
  static Manifest sig;
  static Manifest sbom;
  static Manifest sbomSig;
  static Manifest amd;
  static Manifest arm;
  static Manifest amdSig;
  static Manifest armSig;
  static Manifest index;

  @BeforeAll
  static void start() throws Exception {
    sourceRegistry = RegistryProcess.start(dir.resolve("source"));
    targetRegistry = RegistryProcess.start(dir.resolve("target"));
    source = new OciClient(sourceRegistry.anonymous(), Duration.ofSeconds(10));
    target = new OciClient(targetRegistry.anonymous(), Duration.ofSeconds(10));

    Content content = new Content(source, SRC);
    ReferrersTagIndex sourceIndex = new ReferrersTagIndex(source);
    image = content.image("web", "layer one", "layer two");
    content.push(image, "v1");
    sig = content.cosignSignature(image.digest(), "alice");
    sbom = content.referrer(image, Content.SBOM_TYPE, "{\"spdxVersion\":\"SPDX-2.3\"}");
    sourceIndex.add(SRC, image.digest(), Content.referrerEntry(sbom));
    sbomSig = content.referrer(sbom, Content.NOTATION_TYPE, "{\"payload\":\"jws\"}");
    sourceIndex.add(SRC, sbom.digest(), Content.referrerEntry(sbomSig));

    amd = content.image("amd", "amd layer");
    arm = content.image("arm", "arm layer");
    amdSig = content.cosignSignature(amd.digest(), "alice");
    armSig = content.cosignSignature(arm.digest(), "alice");
    index = content.index("multi", List.of(amd, arm));
  }

  @AfterAll
  static void stop() {
    sourceRegistry.close();
    targetRegistry.close();
  }

  @Test
  void copiesTheClosureInOrderAndASecondCopyPushesNothing() throws IOException {
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    CopyResult first =
        copier.copy(SRC, image.digest().toString(), List.of("v1", "stable"), "mirror/web");

    for (Manifest m : List.of(image, sig, sbom, sbomSig)) {
      assertTrue(
          target.headManifest("mirror/web", m.digest().toString()).isPresent(), "missing " + m);
      for (Descriptor blob : m.parse().blobs()) {
        assertTrue(target.hasBlob("mirror/web", blob.digest().toString()), "missing blob " + blob);
      }
    }
    assertEquals(image.digest(), headDigest("mirror/web", "v1"));
    assertEquals(image.digest(), headDigest("mirror/web", "stable"));
    assertEquals(sig.digest(), headDigest("mirror/web", tag(image) + ".sig"));
    assertEquals(4, first.manifestsPushed());
    assertTrue(first.bytes() > 0);
    assertEquals(0, first.blobsMounted());

    // The referrers tag schema: what an OCI 1.1 client reads from a registry without the API.
    ReferrersTagIndex targetIndex = new ReferrersTagIndex(target);
    List<Descriptor> ofImage = targetIndex.read("mirror/web", image.digest());
    assertEquals(List.of(sbom.digest()), ofImage.stream().map(Descriptor::digest).toList());
    assertEquals(Content.SBOM_TYPE, ofImage.get(0).artifactType());
    assertEquals(sbom.bytes().length, ofImage.get(0).size());
    assertFalse(ofImage.get(0).annotations().isEmpty());
    assertEquals(
        List.of(sbomSig.digest()),
        targetIndex.read("mirror/web", sbom.digest()).stream().map(Descriptor::digest).toList());

    // Causal order at the target: each manifest PUT after what it refers to. The cosign signature
    // goes under its tag in the same PUT, the others by digest.
    Map<Manifest, String> putAs =
        Map.of(
            image, image.digest().toString(),
            sig, tag(image) + ".sig",
            sbom, sbom.digest().toString(),
            sbomSig, sbomSig.digest().toString());
    List<List<Manifest>> refersTo =
        List.of(List.of(image, sig), List.of(image, sbom), List.of(sbom, sbomSig));
    for (List<Manifest> pair : refersTo) {
      long earlier =
          targetRegistry.lineOf("\"PUT /v2/mirror/web/manifests/" + putAs.get(pair.get(0)) + " ");
      long later =
          targetRegistry.lineOf("\"PUT /v2/mirror/web/manifests/" + putAs.get(pair.get(1)) + " ");
      assertTrue(earlier >= 0 && earlier < later, pair.get(1).digest() + " before its subject");
    }

    CopyResult second =
        copier.copy(SRC, image.digest().toString(), List.of("v1", "stable"), "mirror/web");
    assertTrue(second.nothingPushed(), second.toString());
    assertEquals(4, second.manifestsSkipped());
    assertEquals(1, targetIndex.read("mirror/web", image.digest()).size(), "no duplicate entry");

    // A fresh copier (a restarted task) finds everything there too.
    assertTrue(
        new ArtifactCopier(source, target, 0)
            .copy(SRC, image.digest().toString(), List.of("v1"), "mirror/web")
            .nothingPushed());
  }

  @Test
  void withoutOverrideATagThatNamesAnotherManifestAtTheTargetStays() throws IOException {
    new ArtifactCopier(source, target, 0)
        .copy(SRC, amd.digest().toString(), List.of("prod"), "mirror/kept");

    CopyResult kept =
        new ArtifactCopier(source, target, 0, false)
            .copy(SRC, image.digest().toString(), List.of("prod", "v1"), "mirror/kept");
    assertEquals(amd.digest(), headDigest("mirror/kept", "prod"), "not overridden");
    assertEquals(image.digest(), headDigest("mirror/kept", "v1"), "a new tag is still set");
    assertEquals(1, kept.tagsKept());
    assertEquals(sig.digest(), headDigest("mirror/kept", tag(image) + ".sig"));

    CopyResult moved =
        new ArtifactCopier(source, target, 0, true)
            .copy(SRC, image.digest().toString(), List.of("prod"), "mirror/kept");
    assertEquals(image.digest(), headDigest("mirror/kept", "prod"), "overridden");
    assertEquals(0, moved.tagsKept());
  }

  @Test
  void anIndexCarriesItsUntaggedChildrenAndTheirSignatures() throws IOException {
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    CopyResult result =
        copier.copy(SRC, index.digest().toString(), List.of("multi"), "mirror/multi");
    assertEquals(5, result.manifestsPushed());
    assertEquals(index.digest(), headDigest("mirror/multi", "multi"));
    assertEquals(amdSig.digest(), headDigest("mirror/multi", tag(amd) + ".sig"));
    assertEquals(armSig.digest(), headDigest("mirror/multi", tag(arm) + ".sig"));
    assertTrue(target.headManifest("mirror/multi", amd.digest().toString()).isPresent());
    assertTrue(target.headManifest("mirror/multi", arm.digest().toString()).isPresent());
    assertTrue(
        copier
            .copy(SRC, index.digest().toString(), List.of("multi"), "mirror/multi")
            .nothingPushed());
  }

  @Test
  void aSecondRepositoryMountsWhatTheCopierAlreadyPushed() throws IOException {
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    CopyResult a = copier.copy(SRC, amd.digest().toString(), List.of(), "mount/a");
    CopyResult b = copier.copy(SRC, amd.digest().toString(), List.of(), "mount/b");
    assertTrue(a.blobsPushed() > 0);
    assertEquals(0, b.blobsPushed());
    assertEquals(0, b.bytes());
    assertEquals(a.blobsPushed(), b.blobsMounted());
    assertEquals(a.manifestsPushed(), b.manifestsPushed());
  }

  @Test
  void deleteRemovesTheSubjectWithItsAccessories() throws IOException {
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    copier.copy(SRC, image.digest().toString(), List.of("v1"), "del/all");
    copier.delete("del/all", image.digest().toString());
    for (Manifest m : List.of(image, sig, sbom, sbomSig)) {
      assertTrue(target.headManifest("del/all", m.digest().toString()).isEmpty(), "left " + m);
    }
    assertTrue(target.headManifest("del/all", "v1").isEmpty());
    assertTrue(target.headManifest("del/all", tag(image) + ".sig").isEmpty());
    assertTrue(target.headManifest("del/all", tag(image)).isEmpty(), "tag-schema index left");
    // Absent is success: a redelivered delete event.
    copier.delete("del/all", image.digest().toString());
  }

  @Test
  void deleteOneRemovesOnlyThatAccessoryAndItsIndexEntry() throws IOException {
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    copier.copy(SRC, image.digest().toString(), List.of("v1"), "del/one");
    ReferrersTagIndex targetIndex = new ReferrersTagIndex(target);

    copier.deleteOne("del/one", sbomSig.digest().toString());
    assertTrue(target.headManifest("del/one", sbomSig.digest().toString()).isEmpty());
    assertTrue(targetIndex.read("del/one", sbom.digest()).isEmpty());
    for (Manifest m : List.of(image, sig, sbom)) {
      assertTrue(target.headManifest("del/one", m.digest().toString()).isPresent(), "lost " + m);
    }

    copier.deleteOne("del/one", sbom.digest().toString());
    assertTrue(targetIndex.read("del/one", image.digest()).isEmpty());
    assertEquals(image.digest(), headDigest("del/one", "v1"));

    copier.deleteOne("del/one", sig.digest().toString());
    assertTrue(target.headManifest("del/one", tag(image) + ".sig").isEmpty());
    assertEquals(image.digest(), headDigest("del/one", "v1"));

    copier.deleteOne("del/one", sig.digest().toString()); // already gone: success
  }

  @Test
  void reSigningMovesTheSignatureTagAtTheTarget() throws IOException {
    Content content = new Content(source, "app/resign");
    Manifest img = content.image("resign", "resign layer");
    content.cosignSignature(img.digest(), "alice");
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    copier.copy("app/resign", img.digest().toString(), List.of(), "mirror/resign");

    Manifest resigned = content.cosignSignature(img.digest(), "bob");
    CopyResult again =
        copier.copy("app/resign", img.digest().toString(), List.of(), "mirror/resign");
    assertEquals(1, again.manifestsPushed());
    assertEquals(resigned.digest(), headDigest("mirror/resign", tag(img) + ".sig"));
  }

  @Test
  void aReferrerDeletedBehindItsIndexIsSkipped() throws IOException {
    Content content = new Content(source, "app/dangling");
    Manifest img = content.image("dangling", "dangling layer");
    Manifest gone = content.referrer(img, Content.SBOM_TYPE, "{\"deleted\":true}");
    new ReferrersTagIndex(source).add("app/dangling", img.digest(), Content.referrerEntry(gone));
    assertTrue(source.deleteManifest("app/dangling", gone.digest().toString()));

    CopyResult result =
        new ArtifactCopier(source, target, 0)
            .copy("app/dangling", img.digest().toString(), List.of(), "mirror/dangling");
    assertEquals(1, result.manifestsPushed());
    assertTrue(new ReferrersTagIndex(target).read("mirror/dangling", img.digest()).isEmpty());
  }

  @Test
  void speedLimitsTheBytesPushed() throws IOException {
    Content content = new Content(source, "app/slow");
    Manifest img = content.image("slow", "x".repeat(256 * 1024));
    long start = System.nanoTime();
    new ArtifactCopier(source, target, 512 * 1024)
        .copy("app/slow", img.digest().toString(), List.of(), "mirror/slow");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 400, "256 KiB at 512 KiB/s took only " + millis + " ms");
  }

  @Test
  void anUnreachableTargetIsWorthARetry() {
    OciClient nowhere =
        new OciClient(
            Endpoint.anonymous(URI.create("http://127.0.0.1:" + freePort())),
            Duration.ofSeconds(2));
    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                new ArtifactCopier(source, nowhere, 0)
                    .copy(SRC, image.digest().toString(), List.of("v1"), "mirror/none"));
    assertFalse(e.permanent());
  }

  @Test
  void aBlobMissingAtTheSourceFailsPermanentlyAndNothingHalfIsTagged() throws Exception {
    Content content = new Content(source, "app/broken");
    Manifest img = content.image("broken", "this layer will vanish");
    content.push(img, "v1");
    Descriptor layer = img.parse().layers().get(0);
    HttpResponse<Void> deleted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(sourceRegistry.url() + "/v2/app/broken/blobs/" + layer.digest()))
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(202, deleted.statusCode());

    RegistryException e =
        assertThrows(
            RegistryException.class,
            () ->
                new ArtifactCopier(source, target, 0)
                    .copy("app/broken", img.digest().toString(), List.of("v1"), "mirror/broken"));
    assertTrue(e.permanent());
    assertEquals(404, e.status());
    assertTrue(target.headManifest("mirror/broken", "v1").isEmpty());
    assertTrue(target.headManifest("mirror/broken", img.digest().toString()).isEmpty());
  }

  @Test
  void badInputFailsPermanently() throws IOException {
    ArtifactCopier copier = new ArtifactCopier(source, target, 0);
    for (org.junit.jupiter.api.function.Executable call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> copier.copy(SRC, "sha256:nope", List.of(), "mirror/x"),
            () -> copier.copy(SRC, image.digest().toString(), List.of("bad tag!"), "mirror/x"),
            () -> copier.copy(SRC, image.digest().toString(), List.of(), "Bad/Name"),
            () ->
                copier.copy(SRC, Digest.sha256(new byte[] {42}).toString(), List.of(), "mirror/x"),
            () -> copier.delete("mirror/x", "md5:abc"),
            () -> copier.deleteOne("mirror/x", ""))) {
      RegistryException e = assertThrows(RegistryException.class, call);
      assertTrue(e.permanent(), e.getMessage());
    }
    // The bad tag was refused before anything was pushed.
    assertTrue(target.headManifest("mirror/x", image.digest().toString()).isEmpty());
  }

  private static Digest headDigest(String repo, String tag) throws IOException {
    return target
        .headManifest(repo, tag)
        .orElseThrow(() -> new AssertionError("no " + tag))
        .digest();
  }

  private static String tag(Manifest m) {
    return ReferrersTagIndex.tagFor(m.digest());
  }

  private static int freePort() {
    try {
      return RegistryProcess.freePort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

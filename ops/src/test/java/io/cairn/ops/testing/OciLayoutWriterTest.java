package io.cairn.ops.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated images are deterministic, sized as asked, and valid for an independent tool. */
class OciLayoutWriterTest {
  @TempDir Path tmp;

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
    assertEquals(OciLayoutImage.generated(1, 8).digest(), OciLayoutImage.generated(1, 8).digest());
    assertNotEquals(
        OciLayoutImage.generated(1, 8).digest(), OciLayoutImage.generated(2, 8).digest());
    assertNotEquals(
        OciLayoutImage.generated(1, 0, 1, "amd64").digest(),
        OciLayoutImage.generated(1, 0, 1, "arm64").digest());
  }

  @Test
  void layersHoldAboutTheAskedSize() {
    OciLayoutImage image = OciLayoutImage.generated(5, 1024, 4, "amd64");
    long total = image.layers().stream().mapToLong(OciLayoutBlob::size).sum();
    assertEquals(4, image.layers().size());
    assertTrue(total >= 1024 * 1024 && total < 1024 * 1024 + 16 * 1024, "total " + total);
  }

  @Test
  void configNamesTheUncompressedLayerDigests() {
    byte[] tar = OciLayoutTar.tar(Map.of("a/b.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    OciLayoutImage image =
        OciLayoutImage.of(
            "linux", "amd64", List.of(Map.of("a/b.txt", "hello".getBytes(StandardCharsets.UTF_8))));
    JsonObject config = new JsonObject(new String(image.config().bytes(), StandardCharsets.UTF_8));
    assertEquals(
        Digest.sha256(tar).toString(),
        config.getJsonObject("rootfs").getJsonArray("diff_ids").getString(0));
    assertEquals(3 * 512 + 2 * 512, tar.length, "dir header, file header, one data block, end");
  }

  /** umoci checks the manifest, config, diff_ids and tar format while it unpacks. */
  @Test
  void umociUnpacksTheLayoutToTheGivenFiles() throws Exception {
    byte[] hello = "hello, layer\n".getBytes(StandardCharsets.UTF_8);
    OciLayoutImage image =
        OciLayoutImage.of(
            "linux",
            "amd64",
            List.of(Map.of("etc/greeting", hello), Map.of("usr/share/data.bin", new byte[70_000])));
    OciLayoutWriter.create(tmp.resolve("layout"))
        .tag("v1", image)
        .tag("multi", OciLayoutIndex.twoPlatforms(9, 4));
    Path bundle = tmp.resolve("bundle");

    Process umoci =
        new ProcessBuilder(
                "umoci", "unpack", "--image", tmp.resolve("layout") + ":v1", bundle.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(umoci.waitFor(60, TimeUnit.SECONDS), "umoci timed out");
    String output = new String(umoci.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, umoci.exitValue(), output);
    assertArrayEquals(hello, Files.readAllBytes(bundle.resolve("rootfs/etc/greeting")));
    assertEquals(70_000, Files.size(bundle.resolve("rootfs/usr/share/data.bin")));
  }
}

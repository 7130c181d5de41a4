package io.cairn.ops.testing;

import io.cairn.oci.Digest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A single-platform OCI image built in memory: tar+gzip layers, a config naming their diff_ids, and
 * the manifest that ties them together. Building is pure and deterministic; {@link OciLayoutWriter}
 * puts images on disk.
 */
public record OciLayoutImage(
    String os,
    String architecture,
    OciLayoutBlob manifest,
    OciLayoutBlob config,
    List<OciLayoutBlob> layers) {

  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String EPOCH = "1970-01-01T00:00:00Z";

  public OciLayoutImage {
    layers = List.copyOf(layers);
  }

  /** One layer per map of {@code relative/path → content}, in order (base layer first). */
  public static OciLayoutImage of(String os, String architecture, List<Map<String, byte[]>> files) {
    List<OciLayoutBlob> layers = new ArrayList<>();
    JsonArray diffIds = new JsonArray();
    JsonArray history = new JsonArray();
    for (Map<String, byte[]> layerFiles : files) {
      byte[] tar = OciLayoutTar.tar(layerFiles);
      diffIds.add(Digest.sha256(tar).toString());
      history.add(new JsonObject().put("created", EPOCH).put("created_by", "OciLayoutWriter"));
      layers.add(new OciLayoutBlob(LAYER, OciLayoutTar.gzip(tar)));
    }
    JsonObject configJson =
        new JsonObject()
            .put("created", EPOCH)
            .put("architecture", architecture)
            .put("os", os)
            .put("config", new JsonObject().put("Env", new JsonArray().add("PATH=/usr/bin:/bin")))
            .put("rootfs", new JsonObject().put("type", "layers").put("diff_ids", diffIds))
            .put("history", history);
    OciLayoutBlob config = OciLayoutBlob.json(CONFIG, configJson);
    JsonArray layerDescriptors = new JsonArray();
    layers.forEach(l -> layerDescriptors.add(l.descriptor()));
    JsonObject manifestJson =
        new JsonObject()
            .put("schemaVersion", 2)
            .put("mediaType", MANIFEST)
            .put("config", config.descriptor())
            .put("layers", layerDescriptors);
    return new OciLayoutImage(
        os, architecture, OciLayoutBlob.json(MANIFEST, manifestJson), config, layers);
  }

  /** A linux/amd64 image of two layers holding {@code kib} KiB of content in all. */
  public static OciLayoutImage generated(long seed, int kib) {
    return generated(seed, kib, 2, "amd64");
  }

  /**
   * A linux image whose content is a function of (seed, architecture): {@code kib} KiB of random,
   * so incompressible, bytes split over {@code layerCount} layers (each layer's blob is about its
   * share in size), plus a small text file naming the seed in the first layer, so that even {@code
   * kib == 0} images differ by seed.
   */
  public static OciLayoutImage generated(long seed, int kib, int layerCount, String architecture) {
    if (layerCount < 1 || kib < 0) {
      throw new IllegalArgumentException("need ≥ 1 layer and ≥ 0 KiB");
    }
    Random random = new Random(seed * 31 + architecture.hashCode());
    long total = kib * 1024L;
    List<Map<String, byte[]>> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (i == 0) {
        String stamp = "seed=" + seed + " arch=" + architecture + "\n";
        files.put("etc/cairn-image", stamp.getBytes(StandardCharsets.UTF_8));
      }
      byte[] data = new byte[(int) (total / layerCount + (i < total % layerCount ? 1 : 0))];
      random.nextBytes(data);
      files.put("data/layer-" + i + ".bin", data);
      layers.add(files);
    }
    return of("linux", architecture, layers);
  }

  /** The manifest's digest, {@code sha256:<hex>}. */
  public String digest() {
    return manifest.digest();
  }

  /** Config first, then the layers: every blob the manifest names. */
  public List<OciLayoutBlob> blobs() {
    List<OciLayoutBlob> all = new ArrayList<>(layers.size() + 1);
    all.add(config);
    all.addAll(layers);
    return all;
  }

  /** The manifest's descriptor with its platform, as an image index lists it. */
  public JsonObject indexEntry() {
    return manifest
        .descriptor()
        .put("platform", new JsonObject().put("architecture", architecture).put("os", os));
  }
}

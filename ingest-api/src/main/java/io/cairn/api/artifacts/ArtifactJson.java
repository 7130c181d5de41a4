package io.cairn.api.artifacts;

import io.cairn.accessory.AccessoryType;
import io.cairn.api.harbor.HarborIds;
import io.cairn.api.harbor.HarborTime;
import io.cairn.api.immutable.ImmutableTags;
import io.cairn.oci.MediaTypes;
import io.cairn.projection.AccessoryEntry;
import io.cairn.projection.ManifestEntry;
import io.cairn.projection.RegistryView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Harbor's {@code Artifact} and {@code Accessory} objects, built from the projection. */
final class ArtifactJson {
  /** Harbor's value for a time that was never set (pulls are not tracked). */
  static final String NEVER = "0001-01-01T00:00:00.000Z";

  /** Harbor's icons (src/lib/icon); types without one get an empty icon. */
  private static final String IMAGE_ICON =
      "sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06";

  private static final String DEFAULT_ICON =
      "sha256:da834479c923584f4cbcdecc0dac61f32bef1d51e8aae598cf16bd154efab49f";
  private static final Map<String, String> ACCESSORY_ICONS =
      Map.of(
          AccessoryType.SIGNATURE_COSIGN.wireName(),
          "sha256:20401d5b3a0f6dbc607c8d732eb08471af4ae6b19811a4efce8c6a724aed2882",
          AccessoryType.ACCELERATOR_NYDUS.wireName(),
          "sha256:dfcb6617cd9c144358dc1b305b87bbe34f0b619f1e329116e6aee2e41f2e34cf");

  private static final Set<String> IMAGE_CONFIGS =
      Set.of(
          "application/vnd.oci.image.config.v1+json",
          "application/vnd.docker.container.image.v1+json");

  /** What the request asked to include. */
  record With(boolean tags, boolean accessories, boolean inheritedAccessories) {}

  private final RegistryView view;
  private final String repository;
  private final long projectId;

  /** The project's immutable tag rules, read once per response that shows tags. */
  private ImmutableTags immutable;

  ArtifactJson(RegistryView view, String repository, long projectId) {
    this.view = view;
    this.repository = repository;
    this.projectId = projectId;
  }

  /** Harbor's {@code Artifact}; {@code tags} are the tags pointing at it (the caller has them). */
  JsonObject artifact(ManifestEntry m, List<String> tags, With with) {
    JsonObject json =
        new JsonObject()
            .put("id", HarborIds.artifact(repository, m.digest()))
            .put("type", type(m))
            .put("media_type", isIndex(m) ? m.mediaType() : m.configMediaType())
            .put("manifest_media_type", m.mediaType())
            .put(
                "artifact_type",
                m.effectiveArtifactType() != null ? m.effectiveArtifactType() : m.mediaType())
            .put("project_id", projectId)
            .put("repository_id", HarborIds.repository(repository))
            .put("repository_name", repository)
            .put("digest", m.digest())
            .put("size", m.size())
            .put("icon", "IMAGE".equals(type(m)) ? IMAGE_ICON : DEFAULT_ICON)
            .put("push_time", HarborTime.format(m.pushedAt()))
            .put("pull_time", NEVER)
            .put("annotations", new JsonObject(Map.copyOf(m.annotations())))
            .put("references", references(m))
            .put("labels", new JsonArray());
    if (with.tags()) {
      json.put("tags", tags(m, tags));
    }
    if (with.accessories()) {
      json.put("accessories", accessories(m.digest()));
    }
    if (with.inheritedAccessories()) {
      JsonArray inherited = new JsonArray();
      for (String parent : view.parentsOf(repository, m.digest())) {
        accessories(parent).forEach(inherited::add);
      }
      json.put("inherited_accessories", inherited);
    }
    return json;
  }

  JsonArray accessories(String subject) {
    JsonArray out = new JsonArray();
    view.accessories(repository, subject).forEach(a -> out.add(accessory(subject, a)));
    return out;
  }

  JsonObject accessory(String subject, AccessoryEntry a) {
    return accessory(repository, subject, a);
  }

  /** Harbor's {@code Accessory}; needs nothing of the project, so lists skip its lookup. */
  static JsonObject accessory(String repository, String subject, AccessoryEntry a) {
    return new JsonObject()
        .put("id", HarborIds.accessory(repository, subject, a.digest()))
        .put("artifact_id", HarborIds.artifact(repository, a.digest()))
        .put("subject_artifact_id", HarborIds.artifact(repository, subject))
        .put("subject_artifact_digest", subject)
        .put("subject_artifact_repo", repository)
        .put("size", a.size())
        .put("digest", a.digest())
        .put("type", a.type())
        .put("icon", ACCESSORY_ICONS.getOrDefault(a.type(), ""))
        .put("creation_time", HarborTime.format(a.attachedAt()));
  }

  private ImmutableTags immutable() {
    if (immutable == null) {
      immutable =
          ImmutableTags.of(view.immutableRules(repository.substring(0, repository.indexOf('/'))));
    }
    return immutable;
  }

  private JsonArray tags(ManifestEntry m, List<String> names) {
    JsonArray out = new JsonArray();
    for (String name : names) {
      String at = HarborTime.format(view.tagTime(repository, name).orElse(m.pushedAt()));
      out.add(
          new JsonObject()
              .put("id", HarborIds.tag(repository, name))
              .put("repository_id", HarborIds.repository(repository))
              .put("artifact_id", HarborIds.artifact(repository, m.digest()))
              .put("name", name)
              .put("push_time", at)
              .put("pull_time", NEVER)
              .put("immutable", immutable().protects(repository, name)));
    }
    return out;
  }

  private JsonArray references(ManifestEntry m) {
    JsonArray out = new JsonArray();
    for (String child : m.children()) {
      out.add(
          new JsonObject()
              .put("parent_id", HarborIds.artifact(repository, m.digest()))
              .put("child_id", HarborIds.artifact(repository, child))
              .put("child_digest", child));
    }
    return out;
  }

  private static boolean isIndex(ManifestEntry m) {
    return MediaTypes.INDEXES.contains(m.mediaType());
  }

  /** Harbor's artifact type: images and indexes of images are IMAGE, Helm charts CHART. */
  private static String type(ManifestEntry m) {
    if (isIndex(m) || IMAGE_CONFIGS.contains(m.configMediaType())) {
      return "IMAGE";
    }
    if ("application/vnd.cncf.helm.config.v1+json".equals(m.configMediaType())) {
      return "CHART";
    }
    return "UNKNOWN";
  }
}

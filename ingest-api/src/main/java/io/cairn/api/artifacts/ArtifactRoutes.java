package io.cairn.api.artifacts;

import io.cairn.accessory.AccessoryType;
import io.cairn.api.Access;
import io.cairn.api.ArtifactDeletion;
import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborIds;
import io.cairn.api.harbor.HarborPage;
import io.cairn.api.harbor.HarborTime;
import io.cairn.events.DeleteReason;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.Reference;
import io.cairn.oci.RepositoryName;
import io.cairn.projection.AccessoryEntry;
import io.cairn.projection.ManifestEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Harbor's artifact API, as far as accessories need it: list an artifact's accessories and delete
 * an artifact with its accessories. Paths, parameters, JSON names and statuses follow Harbor's
 * OpenAPI definition; a repository name containing {@code /} arrives encoded twice.
 */
public final class ArtifactRoutes {
  private static final String ARTIFACT =
      "/api/v2.0/projects/:project/repositories/:repository/artifacts/:reference";

  /** Harbor's icons for accessory types (src/lib/icon); the others have none. */
  private static final Map<String, String> ICONS =
      Map.of(
          AccessoryType.SIGNATURE_COSIGN.wireName(),
          "sha256:20401d5b3a0f6dbc607c8d732eb08471af4ae6b19811a4efce8c6a724aed2882",
          AccessoryType.ACCELERATOR_NYDUS.wireName(),
          "sha256:dfcb6617cd9c144358dc1b305b87bbe34f0b619f1e329116e6aee2e41f2e34cf");

  private final Backend backend;

  public ArtifactRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    router.get(ARTIFACT + "/accessories").handler(ctx -> accessories(ctx).onFailure(ctx::fail));
    router.delete(ARTIFACT).handler(ctx -> delete(ctx).onFailure(ctx::fail));
  }

  private Future<Void> accessories(RoutingContext ctx) {
    String repository = repository(ctx);
    HarborPage page = HarborPage.of(ctx.request());
    var filter = AccessoryQuery.parse(ctx.request().getParam("q"));
    return backend
        .authorizer()
        .authorize(ctx, new Access(repository, Access.Action.PULL))
        .compose(
            actor -> {
              String subject = digestOf(repository, ctx.pathParam("reference"));
              List<AccessoryEntry> all =
                  backend.view().accessories(repository, subject).stream().filter(filter).toList();
              JsonArray out = new JsonArray();
              page.slice(all).forEach(a -> out.add(json(repository, subject, a)));
              return page.headers(ctx, all.size())
                  .putHeader("Content-Type", "application/json")
                  .end(out.encode());
            });
  }

  private Future<Void> delete(RoutingContext ctx) {
    String repository = repository(ctx);
    return backend
        .authorizer()
        .authorize(ctx, new Access(repository, Access.Action.DELETE))
        .compose(
            actor -> {
              String digest = digestOf(repository, ctx.pathParam("reference"));
              boolean referenced =
                  backend.view().manifests(repository).stream()
                      .anyMatch(m -> m.children().contains(digest));
              if (referenced) {
                throw OciErrorCode.VIOLATE_FOREIGN_KEY_CONSTRAINT.exception(
                    "the deleting artifact is referenced by others");
              }
              return backend
                  .writer()
                  .write(
                      new ArtifactDeletion(backend.view())
                          .of(
                              backend.events().begin(actor),
                              repository,
                              digest,
                              DeleteReason.USER,
                              null));
            })
        .compose(v -> ctx.response().setStatusCode(200).putHeader("Content-Length", "0").end());
  }

  private JsonObject json(String repository, String subject, AccessoryEntry a) {
    return new JsonObject()
        .put("id", HarborIds.accessory(repository, subject, a.digest()))
        .put("artifact_id", HarborIds.artifact(repository, a.digest()))
        .put("subject_artifact_id", HarborIds.artifact(repository, subject))
        .put("subject_artifact_digest", subject)
        .put("subject_artifact_repo", repository)
        .put("size", a.size())
        .put("digest", a.digest())
        .put("type", a.type())
        .put("icon", ICONS.getOrDefault(a.type(), ""))
        .put("creation_time", HarborTime.format(a.attachedAt()));
  }

  /** The digest a tag or digest names in the repository; Harbor's 404 when there is none. */
  private String digestOf(String repository, String reference) {
    Reference parsed = Reference.parse(reference);
    String digest =
        parsed instanceof Reference.ByDigest d
            ? d.digest().toString()
            : backend.view().tag(repository, reference).orElse(null);
    ManifestEntry manifest =
        digest == null ? null : backend.view().manifest(repository, digest).orElse(null);
    if (manifest == null) {
      throw OciErrorCode.NOT_FOUND.exception(
          "artifact " + repository + ":" + reference + " not found");
    }
    return manifest.digest();
  }

  /** {@code project/repository}, the repository decoded once more (Harbor encodes it twice). */
  private static String repository(RoutingContext ctx) {
    String name =
        ctx.pathParam("project")
            + "/"
            + URLDecoder.decode(ctx.pathParam("repository"), StandardCharsets.UTF_8);
    String problem = RepositoryName.problem(name);
    if (problem != null) {
      throw OciErrorCode.BAD_REQUEST.exception(problem);
    }
    return name;
  }
}

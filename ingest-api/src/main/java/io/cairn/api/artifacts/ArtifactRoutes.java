package io.cairn.api.artifacts;

import io.cairn.api.Access;
import io.cairn.api.ArtifactDeletion;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.harbor.HarborPage;
import io.cairn.api.harbor.HarborQuery;
import io.cairn.api.harbor.HarborSort;
import io.cairn.api.immutable.ImmutableGuard;
import io.cairn.events.Actor;
import io.cairn.events.DeleteReason;
import io.cairn.oci.MediaTypes;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.Reference;
import io.cairn.oci.RepositoryName;
import io.cairn.projection.AccessoryEntry;
import io.cairn.projection.ManifestEntry;
import io.cairn.projection.ProjectEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Harbor's artifact API: list and read artifacts (accessories shown under their subject, not beside
 * it), list an artifact's accessories, delete an artifact with its accessories. Paths, parameters,
 * JSON names and statuses follow Harbor's OpenAPI definition; a repository name containing {@code
 * /} arrives encoded twice.
 */
public final class ArtifactRoutes {
  private static final String ARTIFACTS =
      "/api/v2.0/projects/:project/repositories/:repository/artifacts";
  private static final String ARTIFACT = ARTIFACTS + "/:reference";

  /** The referrers API's tag schema: {@code sha256-} and a whole sha256 digest's hex. */
  private static final Pattern REFERRERS_TAG = Pattern.compile("sha256-[a-f0-9]{64}");

  private static final Comparator<ManifestEntry> NEWEST_FIRST =
      Comparator.comparingLong(ManifestEntry::pushedAt)
          .reversed()
          .thenComparing(ManifestEntry::digest);

  private final Backend backend;

  public ArtifactRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    router.get(ARTIFACTS).handler(ctx -> list(ctx).onFailure(ctx::fail));
    router.get(ARTIFACT).handler(ctx -> one(ctx).onFailure(ctx::fail));
    router.get(ARTIFACT + "/accessories").handler(ctx -> accessories(ctx).onFailure(ctx::fail));
    router.delete(ARTIFACT).handler(ctx -> delete(ctx).onFailure(ctx::fail));
  }

  private Future<Void> accessories(RoutingContext ctx) {
    String repository = repository(ctx);
    return authorized(ctx, repository, Action.PULL).compose(v -> accessoriesOf(ctx, repository));
  }

  private Future<Void> accessoriesOf(RoutingContext ctx, String repository) {
    HarborPage page = HarborPage.of(ctx.request());
    Predicate<AccessoryEntry> filter =
        HarborQuery.parse(
            ctx.request().getParam("q"),
            Map.of("type", a -> List.of(a.type()), "digest", a -> List.of(a.digest())));
    Comparator<AccessoryEntry> order =
        HarborSort.parse(
            ctx.request().getParam("sort"),
            Map.of("creation_time", Comparator.comparingLong(AccessoryEntry::attachedAt)),
            null);
    String subject = digestOf(repository, ctx.pathParam("reference"));
    var matching = backend.view().accessories(repository, subject).stream().filter(filter);
    List<AccessoryEntry> all = (order == null ? matching : matching.sorted(order)).toList();
    JsonArray out = new JsonArray();
    page.slice(all).forEach(a -> out.add(ArtifactJson.accessory(repository, subject, a)));
    return page.headers(ctx, all.size())
        .putHeader("Content-Type", "application/json")
        .end(out.encode());
  }

  /**
   * The repository's artifacts, newest first unless {@code sort} says otherwise; accessories appear
   * only under their subject.
   */
  private Future<Void> list(RoutingContext ctx) {
    String repository = repository(ctx);
    return authorized(ctx, repository, Action.PULL).compose(v -> artifacts(ctx, repository));
  }

  private Future<Void> artifacts(RoutingContext ctx, String repository) {
    HarborPage page = HarborPage.of(ctx.request());
    ArtifactJson.With with = with(ctx);
    Comparator<ManifestEntry> order =
        HarborSort.parse(
            ctx.request().getParam("sort"),
            Map.of(
                "push_time", Comparator.comparingLong(ManifestEntry::pushedAt),
                "digest", Comparator.comparing(ManifestEntry::digest)),
            NEWEST_FIRST);
    ArtifactJson json = json(repository);
    Map<String, List<String>> tags = tagsByDigest(repository);
    Predicate<ManifestEntry> filter =
        HarborQuery.parse(
            ctx.request().getParam("q"),
            Map.of(
                "digest", m -> List.of(m.digest()),
                "tags", m -> tags.getOrDefault(m.digest(), List.of()),
                "media_type", m -> nullable(m.configMediaType()),
                "manifest_media_type", m -> List.of(m.mediaType()),
                "artifact_type", m -> nullable(m.effectiveArtifactType())));
    List<ManifestEntry> all =
        backend.view().manifests(repository).stream()
            .filter(m -> backend.view().subjectsOf(repository, m.digest()).isEmpty())
            .filter(m -> !referrersTagIndex(m, tags.getOrDefault(m.digest(), List.of())))
            .filter(filter)
            .sorted(order)
            .toList();
    JsonArray out = new JsonArray();
    page.slice(all)
        .forEach(m -> out.add(json.artifact(m, tags.getOrDefault(m.digest(), List.of()), with)));
    return page.headers(ctx, all.size())
        .putHeader("Content-Type", "application/json")
        .end(out.encode());
  }

  /**
   * Whether {@code m} is a referrers tag-schema index: an index tagged {@code sha256-<hex>} only,
   * which clients push to list the referrers of a subject on registries without the referrers API
   * (and replication from such a registry brings along). It is bookkeeping about that subject, not
   * an artifact of its own, so the list leaves it out; it stays readable by digest and by tag.
   */
  private static boolean referrersTagIndex(ManifestEntry m, List<String> tags) {
    return MediaTypes.OCI_INDEX.equals(m.mediaType())
        && !tags.isEmpty()
        && tags.stream().allMatch(t -> REFERRERS_TAG.matcher(t).matches());
  }

  private Future<Void> one(RoutingContext ctx) {
    String repository = repository(ctx);
    return authorized(ctx, repository, Action.PULL)
        .compose(
            v -> {
              ArtifactJson.With with = with(ctx);
              String digest = digestOf(repository, ctx.pathParam("reference"));
              ManifestEntry manifest = backend.view().manifest(repository, digest).orElseThrow();
              return ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(
                      json(repository)
                          .artifact(manifest, backend.view().tagsOf(repository, digest), with)
                          .encode());
            });
  }

  /**
   * Succeeds once the caller may do {@code action} in {@code repository} and the name is valid:
   * authorized first, so that only a caller who may use the project learns the naming rules.
   */
  private Future<Actor> authorized(RoutingContext ctx, String repository, Action action) {
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(repository, action))
        .map(
            actor -> {
              valid(repository);
              return actor;
            });
  }

  private ArtifactJson json(String repository) {
    String project = repository.substring(0, repository.indexOf('/'));
    ProjectEntry entry =
        backend
            .view()
            .project(project)
            .orElseThrow(
                () -> OciErrorCode.NOT_FOUND.exception("project " + project + " not found"));
    return new ArtifactJson(backend.view(), repository, entry.projectId());
  }

  private static ArtifactJson.With with(RoutingContext ctx) {
    return new ArtifactJson.With(
        flag(ctx, "with_tag", true),
        flag(ctx, "with_accessory", false),
        flag(ctx, "with_inherited_accessory", false));
  }

  private static boolean flag(RoutingContext ctx, String name, boolean fallback) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return fallback;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw OciErrorCode.BAD_REQUEST.exception(name + " must be true or false");
    };
  }

  /** Every tag of the repository, grouped by the digest it points at: one scan per request. */
  private Map<String, List<String>> tagsByDigest(String repository) {
    Map<String, List<String>> out = new HashMap<>();
    for (String tag : backend.view().tags(repository, null, Integer.MAX_VALUE)) {
      backend
          .view()
          .tag(repository, tag)
          .ifPresent(digest -> out.computeIfAbsent(digest, d -> new ArrayList<>()).add(tag));
    }
    return out;
  }

  private static List<String> nullable(String value) {
    return value == null ? List.of() : List.of(value);
  }

  private Future<Void> delete(RoutingContext ctx) {
    String repository = repository(ctx);
    return authorized(ctx, repository, Action.DELETE)
        .compose(
            actor -> {
              String digest = digestOf(repository, ctx.pathParam("reference"));
              new ImmutableGuard(backend.view()).checkDelete(repository, digest);
              if (!backend.view().parentsOf(repository, digest).isEmpty()) {
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

  /** The digest a tag or digest names in the repository; Harbor's 404 when there is none. */
  private String digestOf(String repository, String reference) {
    // A tag always names a stored manifest (deleting one deletes its tags), so it needs no check.
    Optional<String> digest =
        Reference.parse(reference) instanceof Reference.ByDigest d
            ? Optional.of(d.digest().toString())
                .filter(known -> backend.view().hasManifest(repository, known))
            : backend.view().tag(repository, reference);
    return digest.orElseThrow(
        () ->
            OciErrorCode.NOT_FOUND.exception(
                "artifact " + repository + ":" + reference + " not found"));
  }

  /**
   * {@code project/repository} as the path names it, the repository decoded once more (Harbor
   * encodes it twice), not yet validated: requests are authorized on it first ({@link
   * Access.OnRepository}), so only a caller who may use the project learns the naming rules.
   */
  static String repository(RoutingContext ctx) {
    String repository = ctx.pathParam("repository");
    try {
      repository = URLDecoder.decode(repository, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a stray '%': left as it is, and refused by valid() like any other malformed name
    }
    return ctx.pathParam("project") + "/" + repository;
  }

  /** Harbor's 400 unless {@code name} is a repository name. */
  static void valid(String name) {
    String problem = RepositoryName.problem(name);
    if (problem != null) {
      throw OciErrorCode.BAD_REQUEST.exception(problem);
    }
  }
}

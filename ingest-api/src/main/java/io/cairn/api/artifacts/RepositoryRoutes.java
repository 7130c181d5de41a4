package io.cairn.api.artifacts;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.harbor.HarborIds;
import io.cairn.api.harbor.HarborPage;
import io.cairn.api.harbor.HarborQuery;
import io.cairn.api.harbor.HarborSort;
import io.cairn.api.harbor.HarborTime;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ProjectEntry;
import io.cairn.projection.RepositoryEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Harbor's repository API: a project's repositories, and one of them. */
public final class RepositoryRoutes {
  private static final String REPOSITORIES = "/api/v2.0/projects/:project/repositories";
  private static final int SCAN_BATCH = 1000;

  private final Backend backend;

  public RepositoryRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    router.get(REPOSITORIES).handler(ctx -> list(ctx).onFailure(ctx::fail));
    router.get(REPOSITORIES + "/:repository").handler(ctx -> one(ctx).onFailure(ctx::fail));
  }

  private Future<Void> list(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.LIST))
        .compose(actor -> repositories(ctx, project));
  }

  /** The project's repositories, paged, filtered and sorted as asked, for a caller who may list. */
  private Future<Void> repositories(RoutingContext ctx, String project) {
    HarborPage page = HarborPage.of(ctx.request());
    Predicate<RepositoryEntry> filter =
        HarborQuery.parse(ctx.request().getParam("q"), Map.of("name", r -> List.of(r.name())));
    Comparator<RepositoryEntry> order =
        HarborSort.parse(
            ctx.request().getParam("sort"),
            Map.of(
                "name", Comparator.comparing(RepositoryEntry::name),
                "creation_time", Comparator.comparingLong(RepositoryEntry::createdAt),
                "update_time", Comparator.comparingLong(RepositoryEntry::updatedAt)),
            Comparator.comparing(RepositoryEntry::name));
    ProjectEntry entry = project(project);
    List<RepositoryEntry> all =
        repositoriesOf(project).stream().filter(filter).sorted(order).toList();
    JsonArray out = new JsonArray();
    page.slice(all).forEach(r -> out.add(json(entry, r)));
    return page.headers(ctx, all.size())
        .putHeader("Content-Type", "application/json")
        .end(out.encode());
  }

  private Future<Void> one(RoutingContext ctx) {
    String repository = ArtifactRoutes.repository(ctx);
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(repository, Action.PULL))
        .compose(
            actor -> {
              ArtifactRoutes.valid(repository);
              ProjectEntry entry = project(ctx.pathParam("project"));
              RepositoryEntry found =
                  backend
                      .view()
                      .repository(repository)
                      .orElseThrow(
                          () ->
                              OciErrorCode.NOT_FOUND.exception(
                                  "repository " + repository + " not found"));
              return ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(json(entry, found).encode());
            });
  }

  /** The project's repositories in name order: a range of the catalog. */
  private List<RepositoryEntry> repositoriesOf(String project) {
    String prefix = project + "/";
    List<RepositoryEntry> out = new ArrayList<>();
    String last = prefix; // every repository of the project sorts after its bare prefix
    while (true) {
      List<String> names = backend.view().repositories(last, SCAN_BATCH);
      for (String name : names) {
        if (!name.startsWith(prefix)) {
          return out;
        }
        backend.view().repository(name).ifPresent(out::add);
      }
      if (names.size() < SCAN_BATCH) {
        return out;
      }
      last = names.get(names.size() - 1);
    }
  }

  private ProjectEntry project(String name) {
    return backend
        .view()
        .project(name)
        .orElseThrow(() -> OciErrorCode.NOT_FOUND.exception("project " + name + " not found"));
  }

  private JsonObject json(ProjectEntry project, RepositoryEntry r) {
    long artifacts =
        backend.view().manifests(r.name()).stream()
            .filter(m -> backend.view().subjectsOf(r.name(), m.digest()).isEmpty())
            .count();
    return new JsonObject()
        .put("id", HarborIds.repository(r.name()))
        .put("project_id", project.projectId())
        .put("name", r.name())
        .put("description", "")
        .put("artifact_count", artifacts)
        .put("pull_count", 0)
        .put("creation_time", HarborTime.format(r.createdAt()))
        .put("update_time", HarborTime.format(r.updatedAt()));
  }
}

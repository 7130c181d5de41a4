package io.cairn.api.projects;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborTime;
import io.cairn.events.ProjectCreated;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ProjectEntry;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Harbor's projects API, the part the registry needs now: {@code POST /api/v2.0/projects}, {@code
 * GET /api/v2.0/projects} and {@code GET /api/v2.0/projects/{name}}, with Harbor's JSON field
 * names. Creating a project is a {@code ProjectCreated} event.
 */
public final class ProjectRoutes {
  /** Harbor's project name rule (lower case, 1–255, separators between alphanumerics). */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private static final int MAX_NAME = 255;

  private final Backend backend;
  private final Object creation = new Object();

  public ProjectRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    router.post("/api/v2.0/projects").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.post("/api/v2.0/projects").handler(ctx -> answer(ctx, create(ctx)));
    router.get("/api/v2.0/projects").handler(ctx -> answer(ctx, list(ctx)));
    router.get("/api/v2.0/projects/:name").handler(ctx -> answer(ctx, one(ctx)));
  }

  private static void answer(RoutingContext ctx, Future<Void> result) {
    result.onFailure(ctx::fail);
  }

  private Future<Void> create(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String name = body.getValue("project_name") instanceof String s ? s : null;
    if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return Future.failedFuture(
          OciErrorCode.BAD_REQUEST.exception(
              "project_name must be 1-255 lower-case letters, digits and . _ - between them"));
    }
    Map<String, String> metadata = metadata(body);
    return backend
        .authorizer()
        .authorize(ctx, new Access(name, Access.Action.ADMIN))
        .compose(
            actor -> {
              // One creator at a time: ids are assigned from what the view already holds.
              synchronized (creation) {
                if (backend.view().project(name).isPresent()) {
                  throw OciErrorCode.CONFLICT.exception("project " + name + " already exists");
                }
                int id = nextId(backend.view().projects());
                ProjectCreated created = new ProjectCreated(name, id, metadata);
                return backend
                    .writer()
                    .write(List.of(backend.events().begin(actor).project(name, created)))
                    .map(id);
              }
            })
        .compose(
            id ->
                ctx.response()
                    .setStatusCode(201)
                    .putHeader("Location", "/api/v2.0/projects/" + id)
                    .putHeader(
                        "X-Request-Id",
                        ctx.request().getHeader("X-Request-Id") == null
                            ? ""
                            : ctx.request().getHeader("X-Request-Id"))
                    .putHeader("Content-Length", "0")
                    .end());
  }

  private Future<Void> list(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, new Access(null, Access.Action.PULL))
        .compose(
            actor -> {
              List<ProjectEntry> all = backend.view().projects();
              JsonArray out = new JsonArray();
              all.forEach(p -> out.add(json(p)));
              return ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("X-Total-Count", Integer.toString(all.size()))
                  .end(out.encode());
            });
  }

  private Future<Void> one(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    return backend
        .authorizer()
        .authorize(ctx, new Access(name, Access.Action.PULL))
        .compose(
            actor -> {
              ProjectEntry project =
                  backend
                      .view()
                      .project(name)
                      .orElseThrow(
                          () -> OciErrorCode.NOT_FOUND.exception("project " + name + " not found"));
              return ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(json(project).encode());
            });
  }

  static JsonObject json(ProjectEntry p) {
    String created = HarborTime.format(p.createdAt());
    JsonObject metadata = new JsonObject();
    p.metadata().forEach(metadata::put);
    return new JsonObject()
        .put("project_id", p.projectId())
        .put("name", p.name())
        .put("public", p.isPublic())
        .put("metadata", metadata)
        .put("creation_time", created)
        .put("update_time", created)
        .put("deleted", false);
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw OciErrorCode.BAD_REQUEST.exception("a JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw OciErrorCode.BAD_REQUEST.exception("the body is not a JSON object");
    }
  }

  /**
   * Harbor metadata values are strings ("true"); the top-level {@code public} flag is honoured too.
   */
  private static Map<String, String> metadata(JsonObject body) {
    Map<String, String> metadata = new HashMap<>();
    Object raw = body.getValue("metadata");
    if (raw != null && !(raw instanceof JsonObject)) {
      throw OciErrorCode.BAD_REQUEST.exception("metadata must be an object of strings");
    }
    if (raw instanceof JsonObject m) {
      m.forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    }
    if (body.getValue("public") instanceof Boolean flag) {
      metadata.putIfAbsent("public", flag.toString());
    }
    metadata.putIfAbsent("public", "false");
    return metadata;
  }

  private static int nextId(List<ProjectEntry> projects) {
    return projects.stream().mapToInt(ProjectEntry::projectId).max().orElse(0) + 1;
  }
}

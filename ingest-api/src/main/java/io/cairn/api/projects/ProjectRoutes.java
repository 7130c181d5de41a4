package io.cairn.api.projects;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborTime;
import io.cairn.events.ActorKind;
import io.cairn.events.MemberSet;
import io.cairn.events.ProjectCreated;
import io.cairn.events.ProjectMetadataChanged;
import io.cairn.events.RegistryEvent;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ProjectEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Harbor's projects API: create, list, get, update ({@code PUT}, metadata only) and the {@code
 * /metadatas/} endpoints, with Harbor's JSON field names and statuses. Every change is an event:
 * {@code ProjectCreated} (with the creator as project admin, as Harbor does) or {@code
 * ProjectMetadataChanged}.
 */
public final class ProjectRoutes {
  /** Harbor's project name rule (lower case, 1–255, separators between alphanumerics). */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private static final int MAX_NAME = 255;
  private static final String ONE = "/api/v2.0/projects/:project";
  private static final String METADATAS = ONE + "/metadatas/";

  private final Backend backend;
  private final Object creation = new Object();

  public ProjectRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    router.post("/api/v2.0/projects").handler(ctx -> answer(ctx, create(ctx)));
    router.get("/api/v2.0/projects").handler(ctx -> answer(ctx, list(ctx)));
    router.get(ONE).handler(ctx -> answer(ctx, one(ctx)));
    router.put(ONE).handler(ctx -> answer(ctx, update(ctx)));
    router.get(METADATAS).handler(ctx -> answer(ctx, metadatas(ctx)));
    router.post(METADATAS).handler(ctx -> answer(ctx, addMetadatas(ctx)));
    router.get(METADATAS + ":meta").handler(ctx -> answer(ctx, metadata(ctx)));
    router.put(METADATAS + ":meta").handler(ctx -> answer(ctx, updateMetadata(ctx)));
    router.delete(METADATAS + ":meta").handler(ctx -> answer(ctx, deleteMetadata(ctx)));
  }

  private static void answer(RoutingContext ctx, Future<Void> result) {
    result.onFailure(ctx::fail);
  }

  private Future<Void> create(RoutingContext ctx) {
    JsonObject body = HarborBody.object(ctx);
    String name = body.getValue("project_name") instanceof String s ? s : null;
    if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return Future.failedFuture(
          OciErrorCode.BAD_REQUEST.exception(
              "project_name must be 1-255 lower-case letters, digits and . _ - between them"));
    }
    Map<String, String> metadata = createMetadata(body);
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.CREATE_PROJECT)
        .compose(
            actor -> {
              // One creator at a time: ids are assigned from what the view already holds.
              synchronized (creation) {
                if (backend.view().project(name).isPresent()) {
                  throw OciErrorCode.CONFLICT.exception("project " + name + " already exists");
                }
                int id = nextId(backend.view().projects());
                var batch = backend.events().begin(actor);
                List<RegistryEvent> events = new ArrayList<>();
                events.add(batch.project(name, new ProjectCreated(name, id, metadata)));
                if (actor.getKind() == ActorKind.USER) {
                  backend
                      .identity()
                      .user(actor.getName())
                      .ifPresent(
                          u ->
                              events.add(
                                  batch.project(name, new MemberSet(u.userId(), u.username(), 1))));
                }
                return backend.writer().write(events).map(id);
              }
            })
        .compose(
            id -> {
              boolean byName = "true".equalsIgnoreCase(header(ctx, "X-Resource-Name-In-Location"));
              return HarborReply.created(ctx, "/api/v2.0/projects/" + (byName ? name : id));
            });
  }

  private Future<Void> list(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.BROWSE)
        .compose(actor -> backend.authorizer().visibleProjects(ctx))
        .compose(
            visible -> {
              List<ProjectEntry> shown =
                  backend.view().projects().stream().filter(p -> visible.test(p.name())).toList();
              JsonArray out = new JsonArray();
              shown.forEach(p -> out.add(json(p)));
              return HarborReply.list(ctx, out);
            });
  }

  private Future<Void> one(RoutingContext ctx) {
    String name = projectName(ctx);
    return backend
        .authorizer()
        .authorize(ctx, Access.project(name, Action.LIST))
        .compose(actor -> HarborReply.json(ctx, json(existing(name))));
  }

  /** {@code PUT /projects/{p}} with a {@code ProjectReq}: Cairn updates its metadata. */
  private Future<Void> update(RoutingContext ctx) {
    String name = projectName(ctx);
    JsonObject body = HarborBody.object(ctx);
    Map<String, Object> raw = new HashMap<>();
    Object metadata = body.getValue("metadata");
    if (metadata != null && !(metadata instanceof JsonObject)) {
      return Future.failedFuture(
          OciErrorCode.BAD_REQUEST.exception("metadata must be an object of strings"));
    }
    if (metadata instanceof JsonObject m) {
      raw.putAll(m.getMap());
    }
    if (body.getValue("public") instanceof Boolean flag) {
      raw.putIfAbsent(ProjectMetadata.PUBLIC, flag);
    }
    Map<String, String> set = ProjectMetadata.validate(raw);
    return change(ctx, name, project -> {}, set, List.of());
  }

  private Future<Void> metadatas(RoutingContext ctx) {
    String name = projectName(ctx);
    return backend
        .authorizer()
        .authorize(ctx, Access.project(name, Action.LIST))
        .compose(
            actor ->
                HarborReply.json(ctx, new JsonObject(new HashMap<>(existing(name).metadata()))));
  }

  private Future<Void> addMetadatas(RoutingContext ctx) {
    String name = projectName(ctx);
    Map<String, String> set = ProjectMetadata.validate(HarborBody.object(ctx).getMap());
    return change(
        ctx,
        name,
        project -> {
          for (String key : set.keySet()) {
            if (project.meta(key) != null) {
              throw OciErrorCode.CONFLICT.exception("metadata " + key + " already exists");
            }
          }
        },
        set,
        List.of());
  }

  private Future<Void> metadata(RoutingContext ctx) {
    String name = projectName(ctx);
    String key = ctx.pathParam("meta");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(name, Action.LIST))
        .compose(
            actor -> {
              String value = existing(name).meta(key);
              if (value == null) {
                throw OciErrorCode.NOT_FOUND.exception("metadata " + key + " not found");
              }
              return HarborReply.json(ctx, new JsonObject().put(key, value));
            });
  }

  private Future<Void> updateMetadata(RoutingContext ctx) {
    String name = projectName(ctx);
    String key = ctx.pathParam("meta");
    JsonObject body = HarborBody.object(ctx);
    if (body.size() != 1 || !body.containsKey(key)) {
      return Future.failedFuture(
          OciErrorCode.BAD_REQUEST.exception("the body must be {\"" + key + "\": \"<value>\"}"));
    }
    Map<String, String> set = ProjectMetadata.validate(body.getMap());
    return change(ctx, name, project -> requireMeta(project, key), set, List.of());
  }

  private Future<Void> deleteMetadata(RoutingContext ctx) {
    String name = projectName(ctx);
    String key = ctx.pathParam("meta");
    return change(ctx, name, project -> requireMeta(project, key), Map.of(), List.of(key));
  }

  private static void requireMeta(ProjectEntry project, String key) {
    if (project.meta(key) == null) {
      throw OciErrorCode.NOT_FOUND.exception("metadata " + key + " not found");
    }
  }

  /**
   * Sets and removes metadata of {@code name} as one event, for a project admin, once {@code
   * precondition} accepts the project as it is; answers Harbor's 200.
   */
  private Future<Void> change(
      RoutingContext ctx,
      String name,
      Consumer<ProjectEntry> precondition,
      Map<String, String> set,
      List<String> removed) {
    return backend
        .authorizer()
        .authorize(ctx, Access.project(name, Action.MANAGE))
        .compose(
            actor -> {
              precondition.accept(existing(name));
              return backend.recordProject(actor, name, new ProjectMetadataChanged(set, removed));
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  /** The project named by the path: a name, or Harbor's numeric id unless told it is a name. */
  private String projectName(RoutingContext ctx) {
    String value = ctx.pathParam("project");
    boolean isName = "true".equalsIgnoreCase(header(ctx, "X-Is-Resource-Name"));
    if (!isName && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
      int id = Integer.parseInt(value);
      return backend.view().projects().stream()
          .filter(p -> p.projectId() == id)
          .map(ProjectEntry::name)
          .findFirst()
          .orElse(value);
    }
    return value;
  }

  private ProjectEntry existing(String name) {
    return backend
        .view()
        .project(name)
        .orElseThrow(() -> OciErrorCode.NOT_FOUND.exception("project " + name + " not found"));
  }

  private static String header(RoutingContext ctx, String name) {
    return ctx.request().getHeader(name);
  }

  static JsonObject json(ProjectEntry p) {
    JsonObject metadata = new JsonObject();
    p.metadata().forEach(metadata::put);
    return new JsonObject()
        .put("project_id", p.projectId())
        .put("name", p.name())
        .put("public", p.isPublic())
        .put("metadata", metadata)
        .put("creation_time", HarborTime.format(p.createdAt()))
        .put("update_time", HarborTime.format(p.updatedAt()))
        .put("deleted", false);
  }

  /**
   * Harbor metadata values are strings ("true"); the deprecated top-level {@code public} flag is
   * honoured too. A project is private unless it says otherwise.
   */
  private static Map<String, String> createMetadata(JsonObject body) {
    Object raw = body.getValue("metadata");
    if (raw != null && !(raw instanceof JsonObject)) {
      throw OciErrorCode.BAD_REQUEST.exception("metadata must be an object of strings");
    }
    Map<String, Object> given = new HashMap<>();
    if (raw instanceof JsonObject m) {
      given.putAll(m.getMap());
    }
    if (body.getValue("public") instanceof Boolean flag) {
      given.putIfAbsent(ProjectMetadata.PUBLIC, flag);
    }
    Map<String, String> metadata = new HashMap<>(ProjectMetadata.validate(given));
    metadata.putIfAbsent(ProjectMetadata.PUBLIC, "false");
    return metadata;
  }

  private static int nextId(List<ProjectEntry> projects) {
    return projects.stream().mapToInt(ProjectEntry::projectId).max().orElse(0) + 1;
  }
}

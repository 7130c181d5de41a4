package io.cairn.api.projects;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborTime;
import io.cairn.events.Actor;
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
import java.util.Optional;
import java.util.function.Function;
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

  /**
   * Project names are one registry-wide namespace, as in Harbor: a name that is taken is a 409 for
   * whoever may create projects, which tells them it is taken (and nothing else about it).
   */
  private Future<Void> create(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.CREATE_PROJECT)
        .compose(
            actor -> {
              JsonObject body = HarborBody.object(ctx);
              String name = body.getValue("project_name") instanceof String s ? s : null;
              if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
                throw OciErrorCode.BAD_REQUEST.exception(
                    "project_name must be 1-255 lower-case letters, digits and . _ - between"
                        + " them");
              }
              return create(actor, name, createMetadata(body));
            })
        .compose(
            created -> {
              boolean byName = "true".equalsIgnoreCase(header(ctx, "X-Resource-Name-In-Location"));
              String where = byName ? created.name() : Integer.toString(created.id());
              return HarborReply.created(ctx, "/api/v2.0/projects/" + where);
            });
  }

  /** A project made by {@link #create(RoutingContext)}. */
  private record Created(String name, int id) {}

  private Future<Created> create(Actor actor, String name, Map<String, String> metadata) {
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
                u -> events.add(batch.project(name, new MemberSet(u.userId(), u.username(), 1))));
      }
      return backend.writer().write(events).map(new Created(name, id));
    }
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
    return listable(ctx).compose(name -> HarborReply.json(ctx, json(existing(name))));
  }

  /** {@code PUT /projects/{p}} with a {@code ProjectReq}: Cairn updates its metadata. */
  private Future<Void> update(RoutingContext ctx) {
    return change(
        ctx,
        project -> {
          JsonObject body = HarborBody.object(ctx);
          Map<String, Object> raw = new HashMap<>();
          Object metadata = body.getValue("metadata");
          if (metadata != null && !(metadata instanceof JsonObject)) {
            throw OciErrorCode.BAD_REQUEST.exception("metadata must be an object of strings");
          }
          if (metadata instanceof JsonObject m) {
            raw.putAll(m.getMap());
          }
          if (body.getValue("public") instanceof Boolean flag) {
            raw.putIfAbsent(ProjectMetadata.PUBLIC, flag);
          }
          return new ProjectMetadataChanged(ProjectMetadata.validate(raw), List.of());
        });
  }

  private Future<Void> metadatas(RoutingContext ctx) {
    return listable(ctx)
        .compose(
            name ->
                HarborReply.json(ctx, new JsonObject(new HashMap<>(existing(name).metadata()))));
  }

  private Future<Void> addMetadatas(RoutingContext ctx) {
    return change(
        ctx,
        project -> {
          Map<String, String> set = ProjectMetadata.validate(HarborBody.object(ctx).getMap());
          for (String key : set.keySet()) {
            if (project.meta(key) != null) {
              throw OciErrorCode.CONFLICT.exception("metadata " + key + " already exists");
            }
          }
          return new ProjectMetadataChanged(set, List.of());
        });
  }

  private Future<Void> metadata(RoutingContext ctx) {
    String key = ctx.pathParam("meta");
    return listable(ctx)
        .compose(
            name -> {
              String value = existing(name).meta(key);
              if (value == null) {
                throw OciErrorCode.NOT_FOUND.exception("metadata " + key + " not found");
              }
              return HarborReply.json(ctx, new JsonObject().put(key, value));
            });
  }

  private Future<Void> updateMetadata(RoutingContext ctx) {
    String key = ctx.pathParam("meta");
    return change(
        ctx,
        project -> {
          JsonObject body = HarborBody.object(ctx);
          if (body.size() != 1 || !body.containsKey(key)) {
            throw OciErrorCode.BAD_REQUEST.exception(
                "the body must be {\"" + key + "\": \"<value>\"}");
          }
          Map<String, String> set = ProjectMetadata.validate(body.getMap());
          requireMeta(project, key);
          return new ProjectMetadataChanged(set, List.of());
        });
  }

  private Future<Void> deleteMetadata(RoutingContext ctx) {
    String key = ctx.pathParam("meta");
    return change(
        ctx,
        project -> {
          requireMeta(project, key);
          return new ProjectMetadataChanged(Map.of(), List.of(key));
        });
  }

  private static void requireMeta(ProjectEntry project, String key) {
    if (project.meta(key) == null) {
      throw OciErrorCode.NOT_FOUND.exception("metadata " + key + " not found");
    }
  }

  /**
   * Changes the metadata of the project the path names, for a project admin: once the caller is
   * authorized, {@code decide} reads the request and the project as it is and returns the change
   * (or throws to refuse it), which is recorded as one event; answers Harbor's 200. Nothing of the
   * request is read before the authorization, so an outsider learns no input rules.
   */
  private Future<Void> change(
      RoutingContext ctx, Function<ProjectEntry, ProjectMetadataChanged> decide) {
    return projectName(ctx)
        .compose(
            name ->
                backend
                    .authorizer()
                    .authorize(ctx, Access.project(name, Action.MANAGE))
                    .compose(
                        actor -> backend.recordProject(actor, name, decide.apply(existing(name)))))
        .compose(v -> HarborReply.ok(ctx));
  }

  /** The name of the project the path names, once the caller may list it (401 or 403 if not). */
  private Future<String> listable(RoutingContext ctx) {
    return projectName(ctx)
        .compose(
            name ->
                backend.authorizer().authorize(ctx, Access.project(name, Action.LIST)).map(name));
  }

  /**
   * The project named by the path: a name, or Harbor's numeric id unless told it is a name. An id
   * is resolved only to a project the caller may see; any other id stays what it is, the name of a
   * project that does not exist, so an outsider gets the same answer for the id of a private
   * project as for an id nobody has (and never its name).
   */
  private Future<String> projectName(RoutingContext ctx) {
    String value = ctx.pathParam("project");
    boolean isName = "true".equalsIgnoreCase(header(ctx, "X-Is-Resource-Name"));
    if (isName || !value.chars().allMatch(Character::isDigit) || value.length() >= 10) {
      return Future.succeededFuture(value);
    }
    int id = Integer.parseInt(value);
    Optional<String> named =
        backend.view().projects().stream()
            .filter(p -> p.projectId() == id)
            .map(ProjectEntry::name)
            .findFirst();
    if (named.isEmpty()) {
      return Future.succeededFuture(value);
    }
    return backend
        .authorizer()
        .visibleProjects(ctx)
        .map(visible -> visible.test(named.get()) ? named.get() : value);
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

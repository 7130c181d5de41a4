package io.cairn.api.accounts;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.auth.Caller;
import io.cairn.api.auth.Permissions;
import io.cairn.api.auth.RobotPermissions;
import io.cairn.api.auth.SecretHash;
import io.cairn.api.auth.StoredSecrets;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborTime;
import io.cairn.api.sealing.Purpose;
import io.cairn.events.Actor;
import io.cairn.events.RobotCreated;
import io.cairn.events.RobotDeleted;
import io.cairn.events.RobotSecretRefreshed;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.RobotEntry;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Harbor's robot API for project robots: {@code POST /robots} with {@code level: "project"} and one
 * permission naming the project, {@code GET /robots} (the robots of projects the caller manages),
 * {@code GET|DELETE /robots/{id}}. The secret is in the creation answer only; events and the
 * projection keep its hash, sealed ({@link StoredSecrets}). Someone who may not manage a robot's
 * project gets 404 for it, whether or not it exists.
 */
public final class RobotRoutes {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
  private static final int MAX_NAME = 255;
  private static final int SECRET_CHARS = 32;

  private final Backend backend;
  private final StoredSecrets secrets;
  private final Clock clock;
  private final Object creation = new Object();

  public RobotRoutes(Backend backend, StoredSecrets secrets, Clock clock) {
    this.backend = backend;
    this.secrets = secrets;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/v2.0/robots").handler(ctx -> create(ctx).onFailure(ctx::fail));
    router.get("/api/v2.0/robots").handler(ctx -> list(ctx).onFailure(ctx::fail));
    router.get("/api/v2.0/robots/:id").handler(ctx -> one(ctx).onFailure(ctx::fail));
    router.delete("/api/v2.0/robots/:id").handler(ctx -> delete(ctx).onFailure(ctx::fail));
    router.patch("/api/v2.0/robots/:id").handler(ctx -> refresh(ctx).onFailure(ctx::fail));
  }

  /** A validated {@code RobotCreate}. */
  private record Request(
      String project, String name, String description, List<String> permissions, long days) {}

  /**
   * The robot's project is in the body, so the body is first read only for it ({@link #namespace});
   * the caller must manage that project before the body is validated.
   */
  private Future<Void> create(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.project(namespace(ctx), Action.MANAGE))
        .compose(actor -> create(ctx, actor));
  }

  private Future<Void> create(RoutingContext ctx, Actor actor) {
    JsonObject body = HarborBody.object(ctx);
    Request request = request(body);
    String chosen = HarborBody.optionalString(body, "secret");
    if (chosen != null) {
      PasswordPolicy.check("secret", chosen);
    }
    if (backend.view().project(request.project()).isEmpty()) {
      throw OciErrorCode.NOT_FOUND.exception("project " + request.project() + " not found");
    }
    String secret = chosen != null ? chosen : SecretHash.generate(SECRET_CHARS);
    return backend
        .vertx()
        .executeBlocking(
            () -> secrets.protect(Purpose.ROBOT_SECRET, fullName(request), secret), false)
        .compose(hash -> record(actor, request, hash))
        .compose(
            robot -> {
              JsonObject answer =
                  new JsonObject()
                      .put("id", robot.robotId())
                      .put("name", robot.name())
                      .put("secret", secret)
                      .put("creation_time", HarborTime.format(robot.createdAt()))
                      .put("expires_at", expiresAt(robot));
              return ctx.response()
                  .setStatusCode(201)
                  .putHeader("Location", "/api/v2.0/robots/" + robot.robotId())
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(answer.encode());
            });
  }

  /** Records the robot {@code request} asks for, with its secret's hash; completes with it. */
  private Future<RobotEntry> record(Actor actor, Request request, String hash) {
    String fullName = fullName(request);
    synchronized (creation) {
      if (backend.identity().robot(request.project(), fullName).isPresent()) {
        throw OciErrorCode.CONFLICT.exception("robot " + fullName + " already exists");
      }
      int id =
          backend.identity().robots().stream().mapToInt(RobotEntry::robotId).max().orElse(0) + 1;
      Instant expires =
          request.days() < 0 ? null : clock.instant().plus(Duration.ofDays(request.days()));
      RobotCreated created =
          new RobotCreated(
              id, fullName, request.description(), hash, request.permissions(), expires);
      return backend
          .recordProject(actor, request.project(), created)
          .map(v -> backend.identity().robot(request.project(), fullName).orElseThrow());
    }
  }

  private Future<Void> list(RoutingContext ctx) {
    return backend
        .authorizer()
        .caller(ctx)
        .compose(
            caller -> {
              if (caller.isAnonymous()) {
                throw OciErrorCode.UNAUTHORIZED.exception("sign in to list robot accounts");
              }
              List<RobotEntry> robots = new ArrayList<>();
              for (RobotEntry robot : backend.identity().robots()) {
                if (manages(caller, robot.project())) {
                  robots.add(robot);
                }
              }
              JsonArray out = new JsonArray();
              robots.forEach(r -> out.add(json(r)));
              return HarborReply.list(ctx, out);
            });
  }

  private Future<Void> one(RoutingContext ctx) {
    return robot(ctx).compose(robot -> HarborReply.json(ctx, json(robot)));
  }

  private Future<Void> delete(RoutingContext ctx) {
    return robot(ctx)
        .compose(
            robot ->
                backend
                    .authorizer()
                    .authorize(ctx, Access.project(robot.project(), Action.MANAGE))
                    .compose(
                        actor ->
                            backend.recordProject(
                                actor, robot.project(), new RobotDeleted(robot.name()))))
        .compose(v -> HarborReply.ok(ctx));
  }

  /**
   * Harbor's {@code RefreshSec}: a new secret, chosen ({@code {"secret": …}}, Harbor's password
   * rule) or generated, answered once as {@code {"secret": …}}; the old one stops working at once.
   */
  private Future<Void> refresh(RoutingContext ctx) {
    return robot(ctx)
        .compose(
            robot ->
                backend
                    .authorizer()
                    .authorize(ctx, Access.project(robot.project(), Action.MANAGE))
                    .compose(actor -> refresh(ctx, actor, robot)));
  }

  private Future<Void> refresh(RoutingContext ctx, Actor actor, RobotEntry robot) {
    String secret = newSecret(ctx);
    return backend
        .vertx()
        .executeBlocking(() -> secrets.protect(Purpose.ROBOT_SECRET, robot.name(), secret), false)
        .compose(
            hash ->
                backend.recordProject(
                    actor, robot.project(), new RobotSecretRefreshed(robot.name(), hash)))
        .compose(
            v ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("secret", secret).encode()));
  }

  private static String fullName(Request request) {
    return "robot$" + request.project() + "+" + request.name();
  }

  /**
   * The secret a refresh asks for ({@code {"secret": …}}, Harbor's password rule), or a new one.
   */
  private static String newSecret(RoutingContext ctx) {
    boolean empty = ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
    JsonObject body = empty ? new JsonObject() : HarborBody.object(ctx);
    String chosen = HarborBody.optionalString(body, "secret");
    if (chosen != null) {
      PasswordPolicy.check("secret", chosen);
    }
    return chosen != null ? chosen : SecretHash.generate(SECRET_CHARS);
  }

  /**
   * The project a {@code RobotCreate} body names, read leniently so that it can be authorized
   * before the body is validated; {@code ""} (a project nobody has) when none can be read.
   */
  private static String namespace(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null
          && body.getValue("permissions") instanceof JsonArray permissions
          && !permissions.isEmpty()
          && permissions.getValue(0) instanceof JsonObject permission
          && permission.getValue("namespace") instanceof String project) {
        return project;
      }
    } catch (DecodeException | ClassCastException e) {
      // not JSON: no project to name
    }
    return "";
  }

  /** The robot the path names, if the caller manages its project; else 404 as if absent. */
  private Future<RobotEntry> robot(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return backend
        .authorizer()
        .caller(ctx)
        .map(
            caller -> {
              if (caller.isAnonymous()) {
                throw OciErrorCode.UNAUTHORIZED.exception("sign in to see robot accounts");
              }
              return backend.identity().robots().stream()
                  .filter(r -> Integer.toString(r.robotId()).equals(id))
                  .filter(r -> manages(caller, r.project()))
                  .findFirst()
                  .orElseThrow(
                      () -> OciErrorCode.NOT_FOUND.exception("robot " + id + " not found"));
            });
  }

  private boolean manages(Caller caller, String project) {
    boolean isPublic = backend.view().project(project).map(p -> p.isPublic()).orElse(false);
    return caller.token() == null
        && caller.may(new Permissions.Project(project, isPublic), Action.MANAGE, clock.instant());
  }

  private static Request request(JsonObject body) {
    String name = HarborBody.string(body, "name");
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "name must be lower-case letters, digits and . _ - between them");
    }
    String level = HarborBody.optionalString(body, "level");
    if (level != null && !level.equals("project")) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "only project robots (level \"project\") are supported");
    }
    if (!(body.getValue("permissions") instanceof JsonArray permissions)
        || permissions.size() != 1
        || !(permissions.getValue(0) instanceof JsonObject permission)) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "permissions must hold exactly one entry {kind: project, namespace: <project>, access:"
              + " [...]}");
    }
    if (!"project".equals(permission.getValue("kind"))
        || !(permission.getValue("namespace") instanceof String project)
        || project.isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "the permission must have kind \"project\" and the project as namespace");
    }
    List<String> grants = new ArrayList<>();
    if (!(permission.getValue("access") instanceof JsonArray access) || access.isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception("access must list at least one resource/action");
    }
    for (Object entry : access) {
      if (!(entry instanceof JsonObject a)
          || !(a.getValue("resource") instanceof String resource)
          || !(a.getValue("action") instanceof String action)) {
        throw OciErrorCode.BAD_REQUEST.exception("each access needs a resource and an action");
      }
      if (a.getValue("effect") != null && !"allow".equals(a.getValue("effect"))) {
        throw OciErrorCode.BAD_REQUEST.exception("only effect \"allow\" is supported");
      }
      String grant = resource + ":" + action;
      if (!RobotPermissions.known(grant)) {
        throw OciErrorCode.BAD_REQUEST.exception("unsupported robot permission " + grant);
      }
      grants.add(grant);
    }
    long days = 30;
    Object duration = body.getValue("duration");
    if (duration != null) {
      if (!(duration instanceof Number n) || n.longValue() < -1 || n.longValue() == 0) {
        throw OciErrorCode.BAD_REQUEST.exception(
            "duration is days until expiry (a positive number), or -1 for never");
      }
      days = n.longValue();
    }
    return new Request(project, name, HarborBody.optionalString(body, "description"), grants, days);
  }

  private static long expiresAt(RobotEntry robot) {
    return robot.expiresAt() == null ? -1 : robot.expiresAt() / 1000;
  }

  static JsonObject json(RobotEntry r) {
    JsonArray access = new JsonArray();
    for (String grant : r.permissions()) {
      String[] part = grant.split(":", 2);
      access.add(
          new JsonObject().put("resource", part[0]).put("action", part[1]).put("effect", "allow"));
    }
    long duration =
        r.expiresAt() == null ? -1 : Duration.ofMillis(r.expiresAt() - r.createdAt()).toDays();
    return new JsonObject()
        .put("id", r.robotId())
        .put("name", r.name())
        .put("description", r.description() == null ? "" : r.description())
        .put("level", "project")
        .put("duration", duration)
        .put("editable", true)
        .put("disable", false)
        .put("expires_at", expiresAt(r))
        .put(
            "permissions",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("kind", "project")
                        .put("namespace", r.project())
                        .put("access", access)))
        .put("creation_time", HarborTime.format(r.createdAt()))
        .put("update_time", HarborTime.format(r.createdAt()));
  }
}

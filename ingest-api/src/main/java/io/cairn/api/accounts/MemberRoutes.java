package io.cairn.api.accounts;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.auth.Role;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.events.MemberRemoved;
import io.cairn.events.MemberSet;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.MemberEntry;
import io.cairn.projection.ProjectEntry;
import io.cairn.projection.UserEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Harbor's project member API for users: list ({@link Action#LIST_MEMBERS}) and get ({@link
 * Action#READ_MEMBER}), which Harbor's roles from guest up and robots given {@code member:list} or
 * {@code member:read} may do, but not limited guests nor anyone for being let in by a public
 * project; add, change role and remove (project admins). A member's {@code id} ({@code mid}) is the
 * user's id: unique in a project and stable across rebuilds.
 */
public final class MemberRoutes {
  private static final String MEMBERS = "/api/v2.0/projects/:project/members";

  private final Backend backend;

  public MemberRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    router.get(MEMBERS).handler(ctx -> list(ctx).onFailure(ctx::fail));
    router.post(MEMBERS).handler(ctx -> add(ctx).onFailure(ctx::fail));
    router.get(MEMBERS + "/:mid").handler(ctx -> one(ctx).onFailure(ctx::fail));
    router.put(MEMBERS + "/:mid").handler(ctx -> change(ctx).onFailure(ctx::fail));
    router.delete(MEMBERS + "/:mid").handler(ctx -> remove(ctx).onFailure(ctx::fail));
  }

  private Future<Void> list(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    String filter = ctx.request().getParam("entityname");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.LIST_MEMBERS))
        .compose(
            actor -> {
              ProjectEntry p = project(project);
              List<MemberEntry> members =
                  backend.identity().members(project).stream()
                      .filter(this::current)
                      .filter(m -> filter == null || m.username().contains(filter))
                      .toList();
              JsonArray out = new JsonArray();
              members.forEach(m -> out.add(json(p, m)));
              return HarborReply.list(ctx, out);
            });
  }

  /** The body is read only once the caller may manage members: outsiders learn no input rules. */
  private Future<Void> add(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.MANAGE))
        .compose(
            actor -> {
              JsonObject body = HarborBody.object(ctx);
              Role role = role(body);
              if (!(body.getValue("member_user") instanceof JsonObject who)) {
                throw OciErrorCode.BAD_REQUEST.exception(
                    "member_user {\"username\": …} or {\"user_id\": …} is required (groups are"
                        + " not supported)");
              }
              project(project);
              UserEntry user = user(who);
              if (backend
                  .identity()
                  .member(project, user.username())
                  .filter(this::current)
                  .isPresent()) {
                throw OciErrorCode.CONFLICT.exception(
                    user.username() + " is already a member of " + project);
              }
              MemberSet set = new MemberSet(user.userId(), user.username(), role.harborId());
              return backend.recordProject(actor, project, set).map(user.userId());
            })
        .compose(
            mid -> HarborReply.created(ctx, "/api/v2.0/projects/" + project + "/members/" + mid));
  }

  private Future<Void> one(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.READ_MEMBER))
        .compose(actor -> HarborReply.json(ctx, json(project(project), member(ctx, project))));
  }

  private Future<Void> change(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.MANAGE))
        .compose(
            actor -> {
              Role role = role(HarborBody.object(ctx));
              project(project);
              MemberEntry m = member(ctx, project);
              MemberSet set = new MemberSet(m.userId(), m.username(), role.harborId());
              return backend.recordProject(actor, project, set);
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  private Future<Void> remove(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.MANAGE))
        .compose(
            actor -> {
              project(project);
              MemberEntry m = member(ctx, project);
              return backend.recordProject(actor, project, new MemberRemoved(m.username()));
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  private static Role role(JsonObject body) {
    if (!(body.getValue("role_id") instanceof Integer id) || Role.byHarborId(id).isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "role_id must be 1 (project admin), 2 (developer), 3 (guest), 4 (maintainer) or 5"
              + " (limited guest)");
    }
    return Role.byHarborId(id).get();
  }

  private UserEntry user(JsonObject who) {
    Object name = who.getValue("username");
    Object id = who.getValue("user_id");
    return backend.identity().users().stream()
        .filter(
            u ->
                (name instanceof String n && u.username().equals(n))
                    || (id instanceof Integer i && u.userId() == i))
        .findFirst()
        .orElseThrow(() -> OciErrorCode.NOT_FOUND.exception("no such user " + who.encode()));
  }

  /** A membership of a user that still exists (not of a deleted namesake). */
  private boolean current(MemberEntry m) {
    return backend.identity().user(m.username()).filter(u -> u.userId() == m.userId()).isPresent();
  }

  private MemberEntry member(RoutingContext ctx, String project) {
    String mid = ctx.pathParam("mid");
    return backend.identity().members(project).stream()
        .filter(this::current)
        .filter(m -> Integer.toString(m.userId()).equals(mid))
        .findFirst()
        .orElseThrow(() -> OciErrorCode.NOT_FOUND.exception("member " + mid + " not found"));
  }

  private ProjectEntry project(String name) {
    return backend
        .view()
        .project(name)
        .orElseThrow(() -> OciErrorCode.NOT_FOUND.exception("project " + name + " not found"));
  }

  static JsonObject json(ProjectEntry project, MemberEntry m) {
    Role role = Role.byHarborId(m.roleId()).orElseThrow();
    return new JsonObject()
        .put("id", m.userId())
        .put("project_id", project.projectId())
        .put("entity_name", m.username())
        .put("role_name", role.harborName())
        .put("role_id", m.roleId())
        .put("entity_id", m.userId())
        .put("entity_type", "u");
  }
}

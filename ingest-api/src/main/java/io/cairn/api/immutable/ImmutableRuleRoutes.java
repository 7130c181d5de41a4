package io.cairn.api.immutable;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.ProjectChanges;
import io.cairn.events.ImmutableRuleDeleted;
import io.cairn.events.ImmutableRuleSet;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ImmutableRuleEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Harbor's immutable tag rules of a project, {@code {project}} being its name:
 *
 * <pre>
 * GET|POST   /api/v2.0/projects/{project}/immutabletagrules
 * PUT|DELETE /api/v2.0/projects/{project}/immutabletagrules/{id}
 * </pre>
 *
 * Each change is one project event ({@code ImmutableRuleSet}, {@code ImmutableRuleDeleted}).
 * Project admins change; whoever may list the project reads. At most {@link #MAX_RULES} rules, as
 * Harbor. What the rules protect is {@link ImmutableTags}'s to say, and {@link ImmutableGuard}'s to
 * enforce.
 */
public final class ImmutableRuleRoutes {
  static final String BASE = "/api/v2.0/projects/:project/immutabletagrules";
  static final int MAX_RULES = 15;

  private final Backend backend;
  private final ProjectChanges changes;

  public ImmutableRuleRoutes(Backend backend) {
    this.backend = backend;
    this.changes = new ProjectChanges(backend);
  }

  public void mount(Router router) {
    on(router.get(BASE), this::list);
    on(router.post(BASE), this::create);
    on(router.put(BASE + "/:id"), this::update);
    on(router.delete(BASE + "/:id"), this::delete);
  }

  private static void on(Route route, Function<RoutingContext, Future<Void>> handler) {
    route.handler(ctx -> handler.apply(ctx).onFailure(ctx::fail));
  }

  private Future<Void> list(RoutingContext ctx) {
    return changes.list(ctx, backend.view()::immutableRules, ImmutableRuleRoutes::json);
  }

  private Future<Void> create(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .change(
            ctx,
            project,
            () -> {
              ImmutableRuleDraft draft = ImmutableRuleDraft.of(HarborBody.object(ctx));
              if (backend.view().immutableRules(project).size() >= MAX_RULES) {
                throw OciErrorCode.BAD_REQUEST.exception(
                    "a project has at most " + MAX_RULES + " immutable tag rules");
              }
              return event(backend.view().highestImmutableRuleId(project) + 1, draft);
            })
        .compose(
            set ->
                HarborReply.created(
                    ctx,
                    "/api/v2.0/projects/" + project + "/immutabletagrules/" + set.getRuleId()));
  }

  private Future<Void> update(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .change(
            ctx,
            project,
            () -> {
              long id = existing(project, ctx.pathParam("id")).ruleId();
              return event(id, ImmutableRuleDraft.of(HarborBody.object(ctx)));
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  private Future<Void> delete(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .change(
            ctx,
            project,
            () -> new ImmutableRuleDeleted(existing(project, ctx.pathParam("id")).ruleId()))
        .compose(v -> HarborReply.ok(ctx));
  }

  private static ImmutableRuleSet event(long id, ImmutableRuleDraft draft) {
    return new ImmutableRuleSet(
        id, draft.priority(), draft.disabled(), draft.tagSelectors(), draft.repositorySelectors());
  }

  private ImmutableRuleEntry existing(String project, String id) {
    long ruleId;
    try {
      ruleId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw OciErrorCode.BAD_REQUEST.exception("immutable_rule_id must be a number");
    }
    return backend.view().immutableRules(project).stream()
        .filter(r -> r.ruleId() == ruleId)
        .findFirst()
        .orElseThrow(
            () ->
                OciErrorCode.NOT_FOUND.exception(
                    "immutable tag rule " + id + " not found in project " + project));
  }

  /** Harbor's {@code ImmutableRule}. */
  static JsonObject json(ImmutableRuleEntry rule) {
    return new JsonObject()
        .put("id", rule.ruleId())
        .put("priority", rule.priority())
        .put("disabled", rule.disabled())
        .put("action", ImmutableRuleDraft.ACTION)
        .put("template", ImmutableRuleDraft.TEMPLATE)
        .put("params", new JsonObject())
        .put("tag_selectors", new JsonArray(rule.tagSelectors()))
        .put(
            "scope_selectors",
            new JsonObject().put("repository", new JsonArray(rule.repositorySelectors())));
  }
}

package io.cairn.api.harbor;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How the endpoints of a project's settings (its trust material, its immutable tag rules) read and
 * change them. Both authorize first and only then look for the project and read the request, so an
 * outsider gets the same 403 whether or not a private project exists, and learns no input rules.
 * Thread-safe.
 *
 * <p>Changes run one at a time. A check such as "no key of that name yet" reads the view, which
 * shows a write only once the projection applied it; two concurrent adds of one name would both
 * pass, and the fold would keep the first while both callers got 201. Queuing decide-and-write
 * closes that gap within this instance; across instances the fold still keeps the first.
 */
public final class ProjectChanges {
  private final Backend backend;

  /** Completes, successfully whatever the outcome, when the last queued change is done. */
  private Future<Void> lastChange = Future.succeededFuture();

  public ProjectChanges(Backend backend) {
    this.backend = backend;
  }

  /** Succeeds once the caller may list {@code project} and it exists; 401, 403 or 404 if not. */
  public Future<Void> mayRead(RoutingContext ctx, String project) {
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.LIST))
        .map(
            actor -> {
              requireProject(project);
              return null;
            });
  }

  /**
   * Answers the {@code project} path parameter's whole list ({@code items} of the project, each as
   * {@code json}) once the caller may list the project; 401, 403 or 404 if not.
   */
  public <T> Future<Void> list(
      RoutingContext ctx, Function<String, List<T>> items, Function<T, JsonObject> json) {
    String project = ctx.pathParam("project");
    return mayRead(ctx, project)
        .compose(
            v -> {
              JsonArray out = new JsonArray();
              items.apply(project).forEach(item -> out.add(json.apply(item)));
              return HarborReply.list(ctx, out);
            });
  }

  /**
   * Authorizes managing {@code project}, then, in turn with other changes: requires the project,
   * asks {@code decide} for the event payload (it reads and validates the request, and throws an
   * {@code OciException} to refuse), and writes it. Succeeds with the payload once a read would see
   * the change.
   */
  public <T> Future<T> change(RoutingContext ctx, String project, Supplier<T> decide) {
    return backend
        .authorizer()
        .authorize(ctx, Access.project(project, Action.MANAGE))
        .compose(
            actor ->
                inTurn(
                    () -> {
                      requireProject(project);
                      T payload = decide.get();
                      return backend.recordProject(actor, project, payload).map(payload);
                    }));
  }

  private synchronized <T> Future<T> inTurn(Supplier<Future<T>> step) {
    Future<T> result =
        lastChange.transform(
            previous -> {
              try {
                return step.get();
              } catch (RuntimeException e) {
                return Future.failedFuture(e);
              }
            });
    lastChange = result.<Void>map(v -> null).otherwiseEmpty();
    return result;
  }

  private void requireProject(String project) {
    if (backend.view().project(project).isEmpty()) {
      throw OciErrorCode.NOT_FOUND.exception("project " + project + " not found");
    }
  }
}

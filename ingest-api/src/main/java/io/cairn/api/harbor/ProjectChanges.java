package io.cairn.api.trust;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * How every trust endpoint reads and changes a project's trust material. Both authorize first and
 * only then look for the project and read the request, so an outsider gets the same 403 whether or
 * not a private project exists, and learns no input rules. Thread-safe.
 *
 * <p>Changes run one at a time. A check such as "no key of that name yet" reads the view, which
 * shows a write only once the projection applied it; two concurrent adds of one name would both
 * pass, and the fold would keep the first while both callers got 201. Queuing decide-and-write
 * closes that gap within this instance; across instances the fold still keeps the first.
 */
final class TrustChanges {
  private final Backend backend;

  /** Completes, successfully whatever the outcome, when the last queued change is done. */
  private Future<Void> lastChange = Future.succeededFuture();

  TrustChanges(Backend backend) {
    this.backend = backend;
  }

  /** Succeeds once the caller may list {@code project} and it exists; 401, 403 or 404 if not. */
  Future<Void> mayRead(RoutingContext ctx, String project) {
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
   * Authorizes managing {@code project}, then, in turn with other changes: requires the project,
   * asks {@code decide} for the event payload (it reads and validates the request, and throws an
   * {@code OciException} to refuse), and writes it. Succeeds with the payload once a read would see
   * the change.
   */
  <T> Future<T> change(RoutingContext ctx, String project, Supplier<T> decide) {
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

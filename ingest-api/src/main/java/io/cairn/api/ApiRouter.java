package io.cairn.api;

import io.cairn.api.accounts.MemberRoutes;
import io.cairn.api.accounts.RobotRoutes;
import io.cairn.api.accounts.UserRoutes;
import io.cairn.api.artifacts.ArtifactRoutes;
import io.cairn.api.artifacts.RepositoryRoutes;
import io.cairn.api.auth.Security;
import io.cairn.api.auth.TokenRoutes;
import io.cairn.api.distribution.DistributionRoutes;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.immutable.ImmutableRuleRoutes;
import io.cairn.api.projects.ProjectRoutes;
import io.cairn.api.trust.ContentTrustGate;
import io.cairn.api.trust.TrustRoutes;
import io.cairn.oci.OciErrorCode;
import io.vertx.ext.web.Router;

/**
 * The whole HTTP surface in one table: OCI distribution under {@code /v2/}, Harbor's management API
 * under {@code /api/v2.0/}, plus whatever the composition root adds (health, schema registry)
 * before {@link #finish}. One failure handler answers every error.
 */
public final class ApiRouter {
  private ApiRouter() {}

  /** A router with the registry's own routes; call {@link #finish} after adding any others. */
  public static Router create(Backend backend, Security security) {
    Router router = Router.router(backend.vertx());
    RequestIds.mount(router);
    FrontDoor.mount(router);
    HarborBody.mount(router);
    new TokenRoutes(security.authentication(), backend.view(), security.clock()).mount(router);
    new DistributionRoutes(backend, new ContentTrustGate(backend, security.clock())).mount(router);
    new ProjectRoutes(backend).mount(router);
    new UserRoutes(backend, security.secrets()).mount(router);
    new MemberRoutes(backend).mount(router);
    new RobotRoutes(backend, security.secrets(), security.clock()).mount(router);
    new ArtifactRoutes(backend).mount(router);
    new RepositoryRoutes(backend).mount(router);
    new TrustRoutes(backend).mount(router);
    new ImmutableRuleRoutes(backend).mount(router);
    return router;
  }

  /** Adds the catch-all 404 and the failure handler; nothing can be added after this. */
  public static Router finish(Router router) {
    router
        .route()
        .handler(
            ctx ->
                ctx.fail(
                    OciErrorCode.NOT_FOUND.exception("no endpoint at " + ctx.request().path())));
    router.route().failureHandler(Failures::handle);
    return router;
  }
}

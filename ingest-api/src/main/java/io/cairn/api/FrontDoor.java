package io.cairn.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /}: until there is a web portal, a person who opens Cairn's address in a browser or
 * with curl learns what answers here and where. A 200, not a 404: the address is right, and this
 * page is the resource it names; a 404 would say "wrong place" to someone who is in the right one.
 * Plain text, so it holds nothing to run and needs no escaping.
 */
final class FrontDoor {
  static final String TEXT =
      """
      This is Cairn, a container registry.

        /v2/          the OCI Distribution API (skopeo, podman, docker, oras, crane, cosign)
        /api/v2.0/    the Harbor-compatible management API (projects, users, robots, artifacts)
        /healthz      200 while the process serves
        /readyz       200 when Kafka, the projections and HTTP are all up

      Push with, for example:
        skopeo copy --dest-creds USER:PASSWORD oci:./layout:v1 docker://HOST/library/app:v1
      Repository names are <project>/<repository>; project library is public.
      """;

  private FrontDoor() {}

  static void mount(Router router) {
    router.route(HttpMethod.GET, "/").handler(FrontDoor::answer);
    router.route(HttpMethod.HEAD, "/").handler(FrontDoor::answer);
  }

  private static void answer(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(TEXT);
  }
}

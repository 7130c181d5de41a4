package io.cairn.api.distribution;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.HEAD;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.api.distribution.V2Path.Kind;
import io.cairn.api.trust.ContentTrustGate;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The route table of the OCI Distribution API v1.1 ({@code /v2/}): which operation answers each
 * (resource, method), and what it needs to be allowed. Paths are parsed by {@link V2Path};
 * operations return futures, and every failure goes to the router's one failure handler.
 *
 * <p>Authorization comes before validation. Each operation authorizes first and only then reads its
 * reference, digest and parameters. A request whose name or query cannot be read at all is
 * authorized here, with the access its operation would need (its project being the text before the
 * first {@code /}, which for a malformed name is a project nobody has): anonymous callers get the
 * 401 challenge and callers without that access the 403 that a well-formed request gets, and only a
 * caller with it learns what was malformed.
 */
public final class DistributionRoutes {
  private final Backend backend;
  private final BlobReads blobReads;
  private final Uploads uploads;
  private final ManifestReads manifestReads;
  private final ManifestPuts manifestPuts;
  private final Deletes deletes;
  private final Listings listings;
  private final Referrers referrers;

  private final Map<Kind, Map<HttpMethod, Operation>> table = new EnumMap<>(Kind.class);

  /** What answers a request, once its path is parsed; it authorizes, then validates. */
  @FunctionalInterface
  private interface Handler {
    Future<Void> handle(RoutingContext ctx, V2Path path);
  }

  /** An entry of the table: the access the operation needs, and the operation. */
  private record Operation(Function<V2Path, Access> access, Handler handler) {}

  /** {@code trust} decides, per manifest pull, whether content trust lets it through. */
  public DistributionRoutes(Backend backend, ContentTrustGate trust) {
    ProjectGate projects = new ProjectGate(backend.view());
    this.backend = backend;
    this.blobReads = new BlobReads(backend, trust);
    this.uploads = new Uploads(backend, projects);
    this.manifestReads = new ManifestReads(backend, trust);
    this.manifestPuts = new ManifestPuts(backend, projects);
    this.deletes = new Deletes(backend);
    this.listings = new Listings(backend);
    this.referrers = new Referrers(backend);
    route(Kind.BASE, path -> Access.Registry.PING, this::base, GET, HEAD);
    route(Kind.CATALOG, path -> Access.Registry.CATALOG, listings::catalog, GET);
    route(Kind.TAGS, Action.PULL, listings::tags, GET);
    route(Kind.MANIFEST, Action.PULL, manifestReads::handle, GET, HEAD);
    route(Kind.MANIFEST, Action.PUSH, manifestPuts::handle, PUT);
    route(Kind.MANIFEST, Action.DELETE, deletes::manifest, DELETE);
    route(Kind.BLOB, Action.PULL, blobReads::handle, GET, HEAD);
    route(Kind.BLOB, Action.DELETE, deletes::blob, DELETE);
    route(Kind.UPLOADS, Action.PUSH, uploads::start, POST);
    route(Kind.UPLOAD, Action.PUSH, uploads::patch, PATCH);
    route(Kind.UPLOAD, Action.PUSH, uploads::put, PUT);
    route(Kind.UPLOAD, Action.PUSH, uploads::status, GET);
    route(Kind.UPLOAD, Action.PUSH, uploads::cancel, DELETE);
    route(Kind.REFERRERS, Action.PULL, referrers::handle, GET);
  }

  public void mount(Router router) {
    router.route().handler(DistributionRoutes::confine);
    router.route("/v2/*").handler(this::dispatch);
  }

  /**
   * The router resolves dot segments ({@code /v2/../api/…}, also percent-encoded) before matching.
   * A raw {@code /v2/} path that resolves outside {@code /v2/} is refused rather than served from
   * another API: a proxy or rule that admitted the raw prefix must not reach anything else.
   */
  private static void confine(RoutingContext ctx) {
    String raw = ctx.request().path();
    if (raw != null && raw.startsWith("/v2/") && !ctx.normalizedPath().startsWith("/v2/")) {
      ctx.fail(OciErrorCode.NAME_UNKNOWN.exception("no registry endpoint at this path"));
    } else {
      ctx.next();
    }
  }

  private void dispatch(RoutingContext ctx) {
    ctx.response().putHeader("Docker-Distribution-API-Version", "registry/2.0");
    Future<Void> result;
    try {
      V2Path path = V2Path.parse(ctx.request().path());
      Operation operation = operation(path.kind(), ctx.request().method());
      RuntimeException malformed = malformed(ctx, path);
      result =
          malformed == null
              ? operation.handler().handle(ctx, path)
              : backend
                  .authorizer()
                  .authorize(ctx, operation.access().apply(path))
                  .compose(actor -> Future.failedFuture(malformed));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onFailure(ctx::fail);
  }

  /**
   * What makes the request unreadable: a malformed name, or a query with a bad escape ({@code
   * ?n=%ZZ}); {@code null} when both can be read. The query is decoded here, once, so operations
   * can read parameters.
   */
  private static RuntimeException malformed(RoutingContext ctx, V2Path path) {
    RuntimeException name = path.problem();
    if (name != null) {
      return name;
    }
    try {
      ctx.request().params();
      return null;
    } catch (IllegalArgumentException e) {
      return OciErrorCode.BAD_REQUEST.exception("malformed query string: bad percent-encoding");
    }
  }

  /** The operation at (resource, method), or 405 {@code UNSUPPORTED}. */
  private Operation operation(V2Path.Kind kind, HttpMethod method) {
    Operation found = table.getOrDefault(kind, Map.of()).get(method);
    if (found == null) {
      throw OciErrorCode.UNSUPPORTED.exception(method + " is not supported on this endpoint");
    }
    return found;
  }

  private void route(Kind kind, Action action, Handler handler, HttpMethod... methods) {
    route(kind, path -> Access.repository(path.repository(), action), handler, methods);
  }

  private void route(
      Kind kind, Function<V2Path, Access> access, Handler handler, HttpMethod... methods) {
    for (HttpMethod method : methods) {
      table.computeIfAbsent(kind, k -> new HashMap<>()).put(method, new Operation(access, handler));
    }
  }

  /** end-1: the API version check. */
  private Future<Void> base(RoutingContext ctx, V2Path path) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.PING)
        .compose(actor -> ctx.response().putHeader("Content-Type", "application/json").end("{}"));
  }
}

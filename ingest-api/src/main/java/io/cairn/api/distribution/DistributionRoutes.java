package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.trust.ContentTrustGate;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The route table of the OCI Distribution API v1.1 ({@code /v2/}): which operation answers each
 * (resource, method). Paths are parsed by {@link V2Path}; operations return futures, and every
 * failure goes to the router's one failure handler.
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
      requireReadableQuery(ctx);
      result = route(ctx, V2Path.parse(ctx.request().path()), ctx.request().method());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onFailure(ctx::fail);
  }

  /** Decodes the query once, up front: a bad escape ({@code ?n=%ZZ}) is the client's error. */
  private static void requireReadableQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      throw OciErrorCode.BAD_REQUEST.exception("malformed query string: bad percent-encoding");
    }
  }

  private Future<Void> route(RoutingContext ctx, V2Path path, HttpMethod method) {
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    switch (path.kind()) {
      case BASE:
        if (read) {
          return base(ctx);
        }
        break;
      case CATALOG:
        if (method == HttpMethod.GET) {
          return listings.catalog(ctx);
        }
        break;
      case TAGS:
        if (method == HttpMethod.GET) {
          return listings.tags(ctx, path);
        }
        break;
      case MANIFEST:
        if (read) {
          return manifestReads.handle(ctx, path);
        } else if (method == HttpMethod.PUT) {
          return manifestPuts.handle(ctx, path);
        } else if (method == HttpMethod.DELETE) {
          return deletes.manifest(ctx, path);
        }
        break;
      case BLOB:
        if (read) {
          return blobReads.handle(ctx, path);
        } else if (method == HttpMethod.DELETE) {
          return deletes.blob(ctx, path);
        }
        break;
      case UPLOADS:
        if (method == HttpMethod.POST) {
          return uploads.start(ctx, path);
        }
        break;
      case UPLOAD:
        if (method == HttpMethod.PATCH) {
          return uploads.patch(ctx, path);
        } else if (method == HttpMethod.PUT) {
          return uploads.put(ctx, path);
        } else if (method == HttpMethod.GET) {
          return uploads.status(ctx, path);
        } else if (method == HttpMethod.DELETE) {
          return uploads.cancel(ctx, path);
        }
        break;
      case REFERRERS:
        if (method == HttpMethod.GET) {
          return referrers.handle(ctx, path);
        }
        break;
    }
    throw OciErrorCode.UNSUPPORTED.exception(method + " is not supported on this endpoint");
  }

  /** end-1: the API version check. */
  private Future<Void> base(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.PING)
        .compose(actor -> ctx.response().putHeader("Content-Type", "application/json").end("{}"));
  }
}

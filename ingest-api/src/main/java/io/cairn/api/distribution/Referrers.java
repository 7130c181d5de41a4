package io.cairn.api.distribution;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Action;
import io.cairn.oci.Digest;
import io.cairn.oci.MediaTypes;
import io.cairn.projection.AccessoryEntry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * end-12: {@code GET /v2/<name>/referrers/<digest>[?artifactType=]}. Always an image index (empty
 * rather than 404 for a subject with no referrers), each entry with its artifact type and the
 * referrer's annotations.
 */
final class Referrers {
  private final Backend backend;

  Referrers(Backend backend) {
    this.backend = backend;
  }

  Future<Void> handle(RoutingContext ctx, V2Path path) {
    return backend
        .authorizer()
        .authorize(ctx, Access.repository(path.repository(), Action.PULL))
        .compose(
            actor -> {
              Digest subject = Digest.parse(path.argument());
              String artifactType = ctx.request().getParam("artifactType");
              List<AccessoryEntry> referrers =
                  backend.view().referrers(path.repository(), subject.toString());
              HttpServerResponse response = ctx.response();
              JsonArray manifests = new JsonArray();
              for (AccessoryEntry m : referrers) {
                if (artifactType == null || artifactType.equals(m.artifactType())) {
                  manifests.add(descriptor(m));
                }
              }
              if (artifactType != null) {
                response.putHeader("OCI-Filters-Applied", "artifactType");
              }
              JsonObject index =
                  new JsonObject()
                      .put("schemaVersion", 2)
                      .put("mediaType", MediaTypes.OCI_INDEX)
                      .put("manifests", manifests);
              return response.putHeader("Content-Type", MediaTypes.OCI_INDEX).end(index.encode());
            });
  }

  private static JsonObject descriptor(AccessoryEntry m) {
    JsonObject d =
        new JsonObject()
            .put("mediaType", m.mediaType())
            .put("digest", m.digest())
            .put("size", m.size());
    if (m.artifactType() != null) {
      d.put("artifactType", m.artifactType());
    }
    if (!m.annotations().isEmpty()) {
      JsonObject annotations = new JsonObject();
      m.annotations().forEach(annotations::put);
      d.put("annotations", annotations);
    }
    return d;
  }
}

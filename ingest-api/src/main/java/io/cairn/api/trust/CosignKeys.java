package io.cairn.api.trust;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborTime;
import io.cairn.api.harbor.ProjectChanges;
import io.cairn.events.CosignKeyAdded;
import io.cairn.events.CosignKeyRemoved;
import io.cairn.oci.OciErrorCode;
import io.cairn.policy.TrustMaterialException;
import io.cairn.policy.TrustedKey;
import io.cairn.projection.CosignKeyEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /trust/cosign-keys}: the public keys a project trusts for Cosign signatures. An entry is
 * {@code {"name", "public_key" (PEM), "fingerprint" (SHA-256 hex of the DER SubjectPublicKeyInfo,
 * as cosign and OpenSSL print it), "creation_time"}}. A key is trusted once per project: a second
 * name for the same key is a 409, so a verdict's "verified by" names one key.
 */
final class CosignKeys {
  private final Backend backend;
  private final ProjectChanges changes;

  CosignKeys(Backend backend, ProjectChanges changes) {
    this.backend = backend;
    this.changes = changes;
  }

  Future<Void> list(RoutingContext ctx) {
    return changes.list(ctx, backend.trust()::cosignKeys, CosignKeys::json);
  }

  /** {@code POST {"name", "public_key"}}: 201 with the key's {@code Location}. */
  Future<Void> add(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .change(
            ctx,
            project,
            () -> {
              JsonObject body = HarborBody.object(ctx);
              String name = TrustRoutes.name(body);
              TrustedKey key = parse(name, HarborBody.string(body, "public_key"));
              String fingerprint = key.fingerprint();
              for (CosignKeyEntry existing : backend.trust().cosignKeys(project)) {
                if (existing.name().equals(name)) {
                  throw OciErrorCode.CONFLICT.exception(
                      "cosign key " + name + " already exists in project " + project);
                }
                if (existing.fingerprint().equals(fingerprint)) {
                  throw OciErrorCode.CONFLICT.exception(
                      "this public key (fingerprint "
                          + fingerprint
                          + ") is already trusted as cosign key "
                          + existing.name());
                }
              }
              return new CosignKeyAdded(
                  name, PemText.block("PUBLIC KEY", key.key().getEncoded()), fingerprint);
            })
        .compose(
            added ->
                HarborReply.created(
                    ctx,
                    "/api/v2.0/projects/" + project + "/trust/cosign-keys/" + added.getName()));
  }

  Future<Void> one(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    String name = ctx.pathParam("name");
    return changes
        .mayRead(ctx, project)
        .compose(v -> HarborReply.json(ctx, json(existing(project, name))));
  }

  Future<Void> remove(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    String name = ctx.pathParam("name");
    return changes
        .change(
            ctx,
            project,
            () -> {
              existing(project, name);
              return new CosignKeyRemoved(name);
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  private static TrustedKey parse(String name, String pem) {
    try {
      return TrustedKey.fromPem(name, pem);
    } catch (TrustMaterialException e) {
      throw OciErrorCode.BAD_REQUEST.exception("public_key: " + e.getMessage());
    }
  }

  private CosignKeyEntry existing(String project, String name) {
    return backend.trust().cosignKeys(project).stream()
        .filter(k -> k.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                OciErrorCode.NOT_FOUND.exception(
                    "cosign key " + name + " not found in project " + project));
  }

  private static JsonObject json(CosignKeyEntry key) {
    return new JsonObject()
        .put("name", key.name())
        .put("public_key", key.publicKeyPem())
        .put("fingerprint", key.fingerprint())
        .put("creation_time", HarborTime.format(key.addedAt()));
  }
}

package io.cairn.api.replication;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.sealing.CannotOpenException;
import io.cairn.api.sealing.MalformedSealException;
import io.cairn.events.Actor;
import io.cairn.events.RegistryEndpointCreated;
import io.cairn.events.RegistryEndpointDeleted;
import io.cairn.events.RegistryEndpointUpdated;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.EndpointView;
import io.cairn.projection.PolicyView;
import io.cairn.projection.RegistryEndpointEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Harbor's registry-endpoint API ({@code /api/v2.0/registries}, {@code /registries/ping}, {@code
 * /registries/{id}/info}, {@code /replication/adapters}, {@code /replication/adapterinfos}), for
 * system administrators only, as in Harbor. Endpoints are events ({@code RegistryEndpoint*}) with
 * the password sealed ({@link RegistryCredentials}); no answer carries it.
 */
public final class RegistryRoutes {
  private static final String BASE = "/api/v2.0/registries";

  private final Backend backend;
  private final EndpointView endpoints;
  private final PolicyView policies;
  private final RegistryCredentials credentials;
  private final RegistryProbe probe;
  private final SerialWrites writes;

  /**
   * @param policies the policies that may use an endpoint, which then cannot be deleted
   * @param writes shared with {@link PolicyRoutes}: every name check, id assignment and use check
   *     sees all earlier endpoint and policy writes of this instance
   */
  public RegistryRoutes(
      Backend backend,
      EndpointView endpoints,
      PolicyView policies,
      RegistryCredentials credentials,
      SerialWrites writes) {
    this.backend = backend;
    this.endpoints = endpoints;
    this.policies = policies;
    this.credentials = credentials;
    this.probe = new RegistryProbe(backend.vertx());
    this.writes = writes;
  }

  private static final NamedListing<RegistryEndpointEntry> LISTING =
      new NamedListing<>(
          RegistryEndpointEntry::registryId,
          RegistryEndpointEntry::name,
          RegistryEndpointEntry::createdAt,
          RegistryEndpointEntry::updatedAt,
          Map.of(
              "name", e -> List.of(e.name()),
              "type", e -> List.of(e.type()),
              "url", e -> List.of(e.url())));

  public void mount(Router router) {
    router.post(BASE + "/ping").handler(AdminOnly.route(backend, this::ping));
    router.post(BASE).handler(AdminOnly.route(backend, this::create));
    router.get(BASE).handler(AdminOnly.route(backend, this::list));
    router.get(BASE + "/:id").handler(AdminOnly.route(backend, this::one));
    router.put(BASE + "/:id").handler(AdminOnly.route(backend, this::update));
    router.delete(BASE + "/:id").handler(AdminOnly.route(backend, this::delete));
    router.get(BASE + "/:id/info").handler(AdminOnly.route(backend, this::info));
    router
        .get("/api/v2.0/replication/adapters")
        .handler(AdminOnly.route(backend, (c, a) -> HarborReply.list(c, RegistryJson.adapters())));
    router
        .get("/api/v2.0/replication/adapterinfos")
        .handler(
            AdminOnly.route(backend, (c, a) -> HarborReply.json(c, RegistryJson.adapterInfos())));
  }

  private Future<Void> create(RoutingContext ctx, Actor actor) {
    EndpointDraft draft = EndpointDraft.create(HarborBody.object(ctx));
    return writes
        .run(
            () -> {
              requireUnique(draft.name(), 0);
              long id = endpoints.highestEndpointId() + 1;
              RegistryEndpointCreated created =
                  RegistryEndpointCreated.newBuilder()
                      .setRegistryId(id)
                      .setName(draft.name())
                      .setType(draft.type())
                      .setUrl(draft.url())
                      .setDescription(draft.description())
                      .setInsecure(draft.insecure())
                      .setCredentialType(draft.accessKey() == null ? null : "basic")
                      .setAccessKey(draft.accessKey())
                      .setAccessSecret(sealed(id, draft, null))
                      .build();
              return backend.recordRegistry(actor, created).map(id);
            })
        .compose(id -> HarborReply.created(ctx, BASE + "/" + id));
  }

  private Future<Void> list(RoutingContext ctx, Actor actor) {
    return LISTING.answer(ctx, endpoints.endpoints(), RegistryJson::registry);
  }

  private Future<Void> one(RoutingContext ctx, Actor actor) {
    return HarborReply.json(ctx, RegistryJson.registry(existing(ctx.pathParam("id"))));
  }

  private Future<Void> info(RoutingContext ctx, Actor actor) {
    return HarborReply.json(ctx, RegistryJson.info(existing(ctx.pathParam("id"))));
  }

  /** {@code RegistryUpdate}: a partial change; the event carries the whole new state. */
  private Future<Void> update(RoutingContext ctx, Actor actor) {
    String id = ctx.pathParam("id");
    existing(id);
    JsonObject body = HarborBody.object(ctx);
    return writes
        .run(
            () -> {
              RegistryEndpointEntry old = existing(id);
              EndpointDraft draft = EndpointDraft.update(old, body);
              requireUnique(draft.name(), old.registryId());
              RegistryEndpointUpdated updated =
                  RegistryEndpointUpdated.newBuilder()
                      .setRegistryId(old.registryId())
                      .setName(draft.name())
                      .setType(draft.type())
                      .setUrl(draft.url())
                      .setDescription(draft.description())
                      .setInsecure(draft.insecure())
                      .setCredentialType(draft.accessKey() == null ? null : "basic")
                      .setAccessKey(draft.accessKey())
                      .setAccessSecret(sealed(old.registryId(), draft, old))
                      .build();
              return backend.recordRegistry(actor, updated);
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  private Future<Void> delete(RoutingContext ctx, Actor actor) {
    String id = ctx.pathParam("id");
    existing(id);
    return writes
        .run(
            () -> {
              RegistryEndpointEntry old = existing(id);
              requireUnused(old.registryId());
              return backend.recordRegistry(
                  actor, new RegistryEndpointDeleted(old.registryId(), old.name()));
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  /** {@code RegistryPing}: by id, by type and url, or by id with fields that override. */
  private Future<Void> ping(RoutingContext ctx, Actor actor) {
    JsonObject body = HarborBody.object(ctx);
    Object id = body.getValue("id");
    PingTarget target =
        PingTarget.of(body, id == null ? null : existing(id), this::storedCredential);
    return probe
        .ping(target.url(), target.insecure(), target.credential())
        .compose(
            outcome -> {
              if (!outcome.healthy()) {
                throw OciErrorCode.BAD_REQUEST.exception(
                    "the registry at " + target.url() + " is unhealthy: " + outcome.reason());
              }
              return HarborReply.ok(ctx);
            });
  }

  /** The stored password of {@code endpoint}, opened; 400 if this instance cannot open it. */
  private String storedCredential(RegistryEndpointEntry endpoint) {
    try {
      return credentials.open(endpoint).map(BasicCredential::password).orElse(null);
    } catch (CannotOpenException | MalformedSealException e) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "the stored access_secret of registry "
              + endpoint.registryId()
              + " cannot be opened here ("
              + e.getMessage()
              + "); set it again");
    }
  }

  /** The sealed password to record: the new one, else the old endpoint's if it keeps its user. */
  private String sealed(long id, EndpointDraft draft, RegistryEndpointEntry old) {
    if (draft.accessKey() == null) {
      return null;
    }
    if (draft.newSecret() != null) {
      return credentials.seal(id, draft.newSecret());
    }
    return old == null ? null : old.accessSecret();
  }

  /** Harbor's rule: a registry a replication policy names cannot be deleted (412). */
  private void requireUnused(long registryId) {
    List<Long> users =
        policies.policies().stream()
            .filter(p -> p.uses(registryId))
            .map(ReplicationPolicyEntry::policyId)
            .toList();
    if (!users.isEmpty()) {
      throw OciErrorCode.VIOLATE_FOREIGN_KEY_CONSTRAINT.exception(
          "registry "
              + registryId
              + " is used by replication policies "
              + users
              + ": delete them or change their registry first");
    }
  }

  private void requireUnique(String name, long except) {
    for (RegistryEndpointEntry e : endpoints.endpoints()) {
      if (e.name().equals(name) && e.registryId() != except) {
        throw OciErrorCode.CONFLICT.exception("a registry named " + name + " already exists");
      }
    }
  }

  private RegistryEndpointEntry existing(Object id) {
    long registryId = EndpointFields.id(id);
    return endpoints
        .endpoint(registryId)
        .orElseThrow(
            () -> OciErrorCode.NOT_FOUND.exception("registry " + registryId + " not found"));
  }
}

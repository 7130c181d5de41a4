package io.cairn.api.replication;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.events.Actor;
import io.cairn.events.ReplicationPolicyCreated;
import io.cairn.events.ReplicationPolicyDeleted;
import io.cairn.events.ReplicationPolicyUpdated;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.EndpointView;
import io.cairn.projection.PolicyView;
import io.cairn.projection.ReplicationPolicyEntry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Harbor's replication-policy API ({@code /api/v2.0/replication/policies}), for system
 * administrators only, as in Harbor. A policy pushes from this Cairn to a registry endpoint ({@code
 * dest_registry}) or pulls from one into this Cairn ({@code src_registry}). Policies are events
 * ({@code ReplicationPolicy*}), so they survive a rebuild and show on the audit stream.
 */
public final class PolicyRoutes {
  private static final String BASE = "/api/v2.0/replication/policies";

  private final Backend backend;
  private final PolicyView policies;
  private final EndpointView endpoints;
  private final SerialWrites writes;

  /** This Cairn's URL for clients, or {@code null}: the scheme and host each request came to. */
  private final String externalUrl;

  /**
   * @param writes shared with {@link RegistryRoutes}: a policy's registry cannot go meanwhile
   * @param externalUrl this Cairn's URL for clients (normalized), or {@code null}: each request's
   */
  public PolicyRoutes(
      Backend backend,
      PolicyView policies,
      EndpointView endpoints,
      SerialWrites writes,
      String externalUrl) {
    this.backend = backend;
    this.policies = policies;
    this.endpoints = endpoints;
    this.writes = writes;
    this.externalUrl = externalUrl;
  }

  private static final NamedListing<ReplicationPolicyEntry> LISTING =
      new NamedListing<>(
          ReplicationPolicyEntry::policyId,
          ReplicationPolicyEntry::name,
          ReplicationPolicyEntry::createdAt,
          ReplicationPolicyEntry::updatedAt,
          Map.of("name", p -> List.of(p.name())));

  public void mount(Router router) {
    router.post(BASE).handler(AdminOnly.route(backend, this::create));
    router.get(BASE).handler(AdminOnly.route(backend, this::list));
    router.get(BASE + "/:id").handler(AdminOnly.route(backend, this::one));
    router.put(BASE + "/:id").handler(AdminOnly.route(backend, this::update));
    router.delete(BASE + "/:id").handler(AdminOnly.route(backend, this::delete));
  }

  private Future<Void> create(RoutingContext ctx, Actor actor) {
    PolicyDraft draft = PolicyDraft.of(HarborBody.object(ctx));
    return writes
        .run(
            () -> {
              requireValid(draft, 0);
              long id = policies.highestPolicyId() + 1;
              ReplicationPolicyCreated created =
                  ReplicationPolicyCreated.newBuilder()
                      .setPolicyId(id)
                      .setName(draft.name())
                      .setDescription(draft.description())
                      .setSrcRegistryId(draft.srcRegistryId())
                      .setDestRegistryId(draft.destRegistryId())
                      .setDestNamespace(draft.destNamespace())
                      .setDestNamespaceReplaceCount(draft.destNamespaceReplaceCount())
                      .setTriggerType(draft.trigger().type())
                      .setCron(draft.cron())
                      .setFilters(draft.filters())
                      .setReplicateDeletion(draft.replicateDeletion())
                      .setOverride(draft.override())
                      .setEnabled(draft.enabled())
                      .setSpeed(draft.speed())
                      .setCopyByChunk(draft.copyByChunk())
                      .build();
              return backend.recordRegistry(actor, created).map(id);
            })
        .compose(id -> HarborReply.created(ctx, BASE + "/" + id));
  }

  private Future<Void> list(RoutingContext ctx, Actor actor) {
    String local = localUrl(ctx.request());
    return LISTING.answer(
        ctx, policies.policies(), p -> PolicyJson.policy(p, endpoints::endpoint, local));
  }

  private Future<Void> one(RoutingContext ctx, Actor actor) {
    ReplicationPolicyEntry policy = existing(ctx.pathParam("id"));
    return HarborReply.json(
        ctx, PolicyJson.policy(policy, endpoints::endpoint, localUrl(ctx.request())));
  }

  /** Harbor's {@code PUT} carries the whole policy; the event carries the whole new state. */
  private Future<Void> update(RoutingContext ctx, Actor actor) {
    String id = ctx.pathParam("id");
    existing(id);
    PolicyDraft draft = PolicyDraft.of(HarborBody.object(ctx));
    return writes
        .run(
            () -> {
              ReplicationPolicyEntry old = existing(id);
              requireValid(draft, old.policyId());
              ReplicationPolicyUpdated updated =
                  ReplicationPolicyUpdated.newBuilder()
                      .setPolicyId(old.policyId())
                      .setName(draft.name())
                      .setDescription(draft.description())
                      .setSrcRegistryId(draft.srcRegistryId())
                      .setDestRegistryId(draft.destRegistryId())
                      .setDestNamespace(draft.destNamespace())
                      .setDestNamespaceReplaceCount(draft.destNamespaceReplaceCount())
                      .setTriggerType(draft.trigger().type())
                      .setCron(draft.cron())
                      .setFilters(draft.filters())
                      .setReplicateDeletion(draft.replicateDeletion())
                      .setOverride(draft.override())
                      .setEnabled(draft.enabled())
                      .setSpeed(draft.speed())
                      .setCopyByChunk(draft.copyByChunk())
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
              ReplicationPolicyEntry old = existing(id);
              return backend.recordRegistry(
                  actor, new ReplicationPolicyDeleted(old.policyId(), old.name()));
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  /** The checks that need state: the name is free and the registry exists (Harbor's 400). */
  private void requireValid(PolicyDraft draft, long except) {
    for (ReplicationPolicyEntry p : policies.policies()) {
      if (p.name().equals(draft.name()) && p.policyId() != except) {
        throw OciErrorCode.CONFLICT.exception(
            "a replication policy named " + draft.name() + " already exists");
      }
    }
    long registryId = draft.registryId();
    if (endpoints.endpoint(registryId).isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception("registry " + registryId + " not found");
    }
  }

  private ReplicationPolicyEntry existing(String id) {
    long policyId = id(id);
    return policies
        .policy(policyId)
        .orElseThrow(
            () ->
                OciErrorCode.NOT_FOUND.exception("replication policy " + policyId + " not found"));
  }

  /** A policy id from a path: a positive whole number. */
  private static long id(String id) {
    if (id != null && id.matches("[0-9]{1,18}") && Long.parseLong(id) > 0) {
      return Long.parseLong(id);
    }
    throw OciErrorCode.BAD_REQUEST.exception("a policy id is a positive whole number, not " + id);
  }

  private String localUrl(HttpServerRequest request) {
    return externalUrl != null ? externalUrl : request.scheme() + "://" + request.authority();
  }
}

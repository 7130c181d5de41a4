package io.cairn.api.trust;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.ProjectChanges;
import io.cairn.events.NotationPolicySet;
import io.cairn.oci.OciErrorCode;
import io.cairn.policy.InvalidTrustPolicyException;
import io.cairn.policy.NotationTrustPolicy;
import io.cairn.projection.NotationStoreEntry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /trust/notation/policy}: the project's Notation trust policy, Notation's own {@code
 * trustpolicy.json} document (version 1.0), replaced whole by {@code PUT} and returned as stored by
 * {@code GET}. It must be valid by Notation's rules and Cairn's scope rule ({@link
 * NotationTrustPolicy}), and every {@code ca:<name>} or {@code signingAuthority:<name>} trust store
 * it names must already be a store of the project of that type: add trust stores under {@code
 * /trust/notation/certificates} before the policy that names them. Cairn keeps no {@code tsa}
 * stores, so a policy naming one is refused. The body is at most 64 KiB, as every management
 * request body.
 */
final class NotationPolicy {
  private final Backend backend;
  private final ProjectChanges changes;

  NotationPolicy(Backend backend, ProjectChanges changes) {
    this.backend = backend;
    this.changes = changes;
  }

  Future<Void> get(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .mayRead(ctx, project)
        .compose(
            v -> {
              String document =
                  backend
                      .trust()
                      .notationPolicy(project)
                      .orElseThrow(
                          () ->
                              OciErrorCode.NOT_FOUND.exception(
                                  "project " + project + " has no Notation trust policy"));
              return ctx.response().putHeader("Content-Type", "application/json").end(document);
            });
  }

  /** {@code PUT} a trust policy document: 200 once it is the project's policy. */
  Future<Void> put(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .change(
            ctx,
            project,
            () -> {
              String document = document(ctx.body().buffer());
              NotationTrustPolicy policy;
              try {
                policy = NotationTrustPolicy.parse(document.getBytes(StandardCharsets.UTF_8));
              } catch (InvalidTrustPolicyException e) {
                throw OciErrorCode.BAD_REQUEST.exception(e.getMessage());
              }
              requireStores(project, policy);
              return new NotationPolicySet(document);
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  /** The body as text; JSON between systems is UTF-8 (RFC 8259), so anything else is a 400. */
  private static String document(Buffer body) {
    if (body == null || body.length() == 0) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "the body must be a Notation trust policy document (trustpolicy.json)");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw OciErrorCode.BAD_REQUEST.exception("the trust policy is not UTF-8 text");
    }
  }

  private void requireStores(String project, NotationTrustPolicy policy) {
    List<NotationStoreEntry> stores = backend.trust().notationStores(project);
    for (StoreReference ref : StoreReference.in(policy)) {
      NotationStoreEntry named =
          stores.stream().filter(s -> s.name().equals(ref.name())).findFirst().orElse(null);
      if (named != null && named.storeType().equals(ref.type())) {
        continue;
      }
      String why;
      if (ref.type().equals("tsa")) {
        why = " cannot have: Cairn keeps no tsa trust stores";
      } else if (named != null) {
        why = " does not have: its store " + named.name() + " is of type " + named.storeType();
      } else {
        why = " does not have; add it under /trust/notation/certificates first";
      }
      throw OciErrorCode.BAD_REQUEST.exception(
          "trust policy statement '"
              + ref.statement()
              + "' names trust store "
              + ref.reference()
              + ", which project "
              + project
              + why);
    }
  }
}

package io.cairn.api.trust;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborTime;
import io.cairn.api.harbor.ProjectChanges;
import io.cairn.events.NotationCertificateAdded;
import io.cairn.events.NotationCertificateRemoved;
import io.cairn.oci.Digest;
import io.cairn.oci.OciErrorCode;
import io.cairn.policy.Pem;
import io.cairn.policy.TrustMaterialException;
import io.cairn.projection.NotationStoreEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /trust/notation/certificates}: a project's Notation trust stores. A store's {@code name}
 * is the trust store name the Notation trust policy references as {@code <store_type>:<name>}
 * ({@code ca:acme} for {@code {"name": "acme", "store_type": "ca"}}); {@code store_type} is {@code
 * ca} (signing certificates issued under these roots) or {@code signingAuthority} (Notary Project
 * signing authorities). An entry is {@code {"name", "store_type", "certificate" (PEM, one or more
 * certificates), "fingerprints" (SHA-256 hex of each certificate's DER, in PEM order),
 * "creation_time"}}.
 *
 * <p>As in Notation, every certificate of a store is a CA certificate or self-signed. A store the
 * trust policy names cannot be removed (409): change the policy first.
 */
final class NotationStores {
  private static final Set<String> STORE_TYPES = Set.of("ca", "signingAuthority");

  private final Backend backend;
  private final ProjectChanges changes;

  NotationStores(Backend backend, ProjectChanges changes) {
    this.backend = backend;
    this.changes = changes;
  }

  Future<Void> list(RoutingContext ctx) {
    return changes.list(ctx, backend.trust()::notationStores, NotationStores::json);
  }

  /** {@code POST {"name", "store_type", "certificate"}}: 201 with the store's {@code Location}. */
  Future<Void> add(RoutingContext ctx) {
    String project = ctx.pathParam("project");
    return changes
        .change(
            ctx,
            project,
            () -> {
              NotationCertificateAdded added = store(HarborBody.object(ctx));
              if (find(project, added.getName()) != null) {
                throw OciErrorCode.CONFLICT.exception(
                    "trust store " + added.getName() + " already exists in project " + project);
              }
              return added;
            })
        .compose(
            added ->
                HarborReply.created(
                    ctx,
                    "/api/v2.0/projects/"
                        + project
                        + "/trust/notation/certificates/"
                        + added.getName()));
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
              NotationStoreEntry store = existing(project, name);
              List<StoreReference> refs =
                  backend
                      .trust()
                      .notationPolicy(project)
                      .map(StoreReference::inStored)
                      .orElse(List.of());
              for (StoreReference ref : refs) {
                if (ref.name().equals(name) && ref.type().equals(store.storeType())) {
                  throw OciErrorCode.CONFLICT.exception(
                      "trust store "
                          + ref.reference()
                          + " is named by trust policy statement '"
                          + ref.statement()
                          + "'; change the policy before removing the store");
                }
              }
              return new NotationCertificateRemoved(name);
            })
        .compose(v -> HarborReply.ok(ctx));
  }

  /** The event for the store {@code body} asks for, or a 400 saying what is wrong with it. */
  private static NotationCertificateAdded store(JsonObject body) {
    String name = TrustRoutes.name(body);
    String type = HarborBody.string(body, "store_type");
    if (!STORE_TYPES.contains(type)) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "store_type must be \"ca\" or \"signingAuthority\", not \"" + type + "\"");
    }
    String pem = HarborBody.string(body, "certificate");
    List<X509Certificate> certificates;
    try {
      certificates = Pem.certificates(pem);
    } catch (TrustMaterialException e) {
      throw OciErrorCode.BAD_REQUEST.exception("certificate: " + e.getMessage());
    }
    StringBuilder canonical = new StringBuilder();
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < certificates.size(); i++) {
      byte[] der = trustAnchor(certificates.get(i), i + 1);
      canonical.append(PemText.block("CERTIFICATE", der));
      fingerprints.add(Digest.sha256(der).hex());
    }
    return new NotationCertificateAdded(name, type, canonical.toString(), fingerprints);
  }

  /**
   * The DER of a certificate fit for a trust store: a CA or self-signed, as notation-go's {@code
   * truststore.ValidateCertificates} demands; anything else would be refused when verifying.
   */
  private static byte[] trustAnchor(X509Certificate certificate, int position) {
    try {
      if (certificate.getBasicConstraints() < 0) {
        certificate.verify(certificate.getPublicKey());
      }
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "certificate "
              + position
              + " ("
              + certificate.getSubjectX500Principal().getName()
              + ") is neither a CA certificate nor self-signed, so Notation cannot trust it");
    }
  }

  private NotationStoreEntry find(String project, String name) {
    return backend.trust().notationStores(project).stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  private NotationStoreEntry existing(String project, String name) {
    NotationStoreEntry store = find(project, name);
    if (store == null) {
      throw OciErrorCode.NOT_FOUND.exception(
          "trust store " + name + " not found in project " + project);
    }
    return store;
  }

  private static JsonObject json(NotationStoreEntry store) {
    return new JsonObject()
        .put("name", store.name())
        .put("store_type", store.storeType())
        .put("certificate", store.certificatesPem())
        .put("fingerprints", new JsonArray(store.fingerprints()))
        .put("creation_time", HarborTime.format(store.addedAt()));
  }
}

package io.cairn.api.trust;

import io.cairn.api.Backend;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.ProjectChanges;
import io.cairn.oci.OciErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The trust material of a project, in the style of Harbor's management API: the Cosign public keys
 * and Notation trust stores that verified content trust checks signatures with, and the Notation
 * trust policy. The route table, {@code {project}} being a project name:
 *
 * <pre>
 * GET|POST   /api/v2.0/projects/{project}/trust/cosign-keys
 * GET|DELETE /api/v2.0/projects/{project}/trust/cosign-keys/{key_name}
 * GET|POST   /api/v2.0/projects/{project}/trust/notation/certificates
 * GET|DELETE /api/v2.0/projects/{project}/trust/notation/certificates/{store_name}
 * GET|PUT    /api/v2.0/projects/{project}/trust/notation/policy
 * </pre>
 *
 * Every change is one project event ({@code CosignKeyAdded}, {@code CosignKeyRemoved}, {@code
 * NotationCertificateAdded}, {@code NotationCertificateRemoved}, {@code NotationPolicySet}) and
 * moves the project's trust generation on, which makes older verdicts stale. Project admins change;
 * whoever may list the project reads, since public keys and certificates are not secret.
 */
public final class TrustRoutes {
  static final String BASE = "/api/v2.0/projects/:project/trust";

  /**
   * Names of keys and trust stores. A name is a path segment of its URL and, for a trust store, the
   * {@code ca:<name>} reference of the trust policy, so it keeps to characters both take unescaped
   * (and that Notation's own store names allow).
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Backend backend;

  public TrustRoutes(Backend backend) {
    this.backend = backend;
  }

  public void mount(Router router) {
    ProjectChanges changes = new ProjectChanges(backend);
    CosignKeys keys = new CosignKeys(backend, changes);
    NotationStores stores = new NotationStores(backend, changes);
    NotationPolicy policy = new NotationPolicy(backend, changes);
    String keysPath = BASE + "/cosign-keys";
    String storesPath = BASE + "/notation/certificates";
    String policyPath = BASE + "/notation/policy";
    on(router.get(keysPath), keys::list);
    on(router.post(keysPath), keys::add);
    on(router.get(keysPath + "/:name"), keys::one);
    on(router.delete(keysPath + "/:name"), keys::remove);
    on(router.get(storesPath), stores::list);
    on(router.post(storesPath), stores::add);
    on(router.get(storesPath + "/:name"), stores::one);
    on(router.delete(storesPath + "/:name"), stores::remove);
    on(router.get(policyPath), policy::get);
    on(router.put(policyPath), policy::put);
  }

  private static void on(Route route, Function<RoutingContext, Future<Void>> handler) {
    route.handler(ctx -> handler.apply(ctx).onFailure(ctx::fail));
  }

  /** The body's {@code name}, or a 400 stating the rule. */
  static String name(JsonObject body) {
    String name = HarborBody.string(body, "name");
    if (!NAME.matcher(name).matches()) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "name must be 1-128 letters, digits and . _ - starting with a letter or digit");
    }
    return name;
  }
}

package io.cairn.api.replication;

import io.cairn.oci.OciErrorCode;
import io.cairn.projection.RegistryEndpointEntry;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * What {@code POST /registries/ping} probes: the endpoint the body's {@code id} names, with any of
 * {@code type}, {@code url}, {@code insecure}, {@code access_key}, {@code access_secret} the body
 * gives in place of its own; or, without an id, only what the body gives. Pure but for {@code
 * stored}, which opens the endpoint's password when the body gives none.
 */
record PingTarget(String type, String url, boolean insecure, BasicCredential credential) {

  static PingTarget of(
      JsonObject body,
      RegistryEndpointEntry endpoint,
      Function<RegistryEndpointEntry, String> stored) {
    EndpointFields.caCertificate(body);
    EndpointFields.credentialType(EndpointFields.string(body, "credential_type"));
    String type = EndpointFields.string(body, "type");
    String url = EndpointFields.string(body, "url");
    if (endpoint == null && (type == null || url == null)) {
      throw OciErrorCode.BAD_REQUEST.exception("give the id of a registry, or its type and url");
    }
    String key = EndpointFields.string(body, "access_key");
    String secret = EndpointFields.secret(body, "access_secret");
    if (key == null && endpoint != null) {
      key = endpoint.accessKey();
    }
    if (key != null && key.isEmpty()) {
      key = null;
    }
    if (key != null && secret == null && endpoint != null) {
      secret = stored.apply(endpoint);
    }
    return new PingTarget(
        type == null ? endpoint.type() : EndpointFields.type(type),
        url == null ? endpoint.url() : EndpointFields.url(url),
        EndpointFields.bool(body, "insecure", endpoint != null && endpoint.insecure()),
        key == null ? null : new BasicCredential(key, secret == null ? "" : secret));
  }
}

package io.cairn.api.replication;

import io.cairn.oci.OciErrorCode;
import io.cairn.projection.RegistryEndpointEntry;
import io.vertx.core.json.JsonObject;

/**
 * An endpoint's wanted state from a request, checked: a new endpoint from Harbor's {@code Registry}
 * body, or an existing one changed by a {@code RegistryUpdate}. {@code newSecret} is the plain
 * password the request gave, or {@code null}: none was given, keep the stored one (if the endpoint
 * keeps a user name). Its {@link #toString()} hides it. Pure.
 */
record EndpointDraft(
    String name,
    String type,
    String url,
    String description,
    boolean insecure,
    String accessKey,
    String newSecret) {

  /** From {@code POST /registries}. */
  static EndpointDraft create(JsonObject body) {
    EndpointFields.caCertificate(body);
    JsonObject credential = EndpointFields.object(body, "credential");
    EndpointFields.credentialType(EndpointFields.string(credential, "type"));
    String key = emptyToNull(EndpointFields.string(credential, "access_key"));
    String secret = EndpointFields.string(credential, "access_secret");
    if (key == null && secret != null && !secret.isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception("credential.access_secret needs an access_key");
    }
    if (key != null && (secret == null || secret.isEmpty() || secret.equals(EndpointFields.MASK))) {
      throw OciErrorCode.BAD_REQUEST.exception("credential.access_key needs an access_secret");
    }
    return new EndpointDraft(
        EndpointFields.name(EndpointFields.string(body, "name")),
        EndpointFields.type(EndpointFields.string(body, "type")),
        EndpointFields.url(EndpointFields.string(body, "url")),
        EndpointFields.string(body, "description"),
        EndpointFields.bool(body, "insecure", false),
        key,
        key == null ? null : secret);
  }

  /**
   * From {@code PUT /registries/{id}}: every field the body gives (not null) replaces the old one.
   * An empty {@code access_key} makes the endpoint anonymous; a new {@code access_key} needs its
   * {@code access_secret}.
   */
  static EndpointDraft update(RegistryEndpointEntry old, JsonObject body) {
    EndpointFields.caCertificate(body);
    EndpointFields.credentialType(EndpointFields.string(body, "credential_type"));
    String name = EndpointFields.string(body, "name");
    String url = EndpointFields.string(body, "url");
    String description = EndpointFields.string(body, "description");
    String key = EndpointFields.string(body, "access_key");
    String secret = EndpointFields.secret(body, "access_secret");
    String newKey = key == null ? old.accessKey() : emptyToNull(key);
    if (newKey != null && secret == null && !newKey.equals(old.accessKey())) {
      throw OciErrorCode.BAD_REQUEST.exception("a new access_key needs its access_secret");
    }
    if (newKey == null && secret != null && !secret.isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception("access_secret needs an access_key");
    }
    return new EndpointDraft(
        name == null ? old.name() : EndpointFields.name(name),
        old.type(),
        url == null ? old.url() : EndpointFields.url(url),
        description == null ? old.description() : description,
        EndpointFields.bool(body, "insecure", old.insecure()),
        newKey,
        newKey == null ? null : emptyToNull(secret));
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  @Override
  public String toString() {
    return "EndpointDraft[name=" + name + ", type=" + type + ", url=" + url + "]";
  }
}

package io.cairn.ops.trust;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/** The trust API's paths and request bodies, as the trust tests send them. */
final class TrustRequests {
  private TrustRequests() {}

  static String keys(String project) {
    return "/api/v2.0/projects/" + project + "/trust/cosign-keys";
  }

  static String stores(String project) {
    return "/api/v2.0/projects/" + project + "/trust/notation/certificates";
  }

  static String policy(String project) {
    return "/api/v2.0/projects/" + project + "/trust/notation/policy";
  }

  static String key(String file) throws Exception {
    return Files.readString(
        Path.of(TrustRequests.class.getResource("/fixtures/cosign/keys/" + file).toURI()));
  }

  static String keyBody(String name, String pem) {
    return new JsonObject().put("name", name).put("public_key", pem).encode();
  }

  static String storeBody(String name, String type, String pem) {
    return new JsonObject()
        .put("name", name)
        .put("store_type", type)
        .put("certificate", pem)
        .encode();
  }

  /**
   * A policy with one statement, {@code images}, over every repository: strict with {@code store},
   * or skipping verification when {@code store} is null. Indented, to see it come back as sent.
   */
  static String policyDocument(String store) {
    String verification =
        store == null
            ? "      \"signatureVerification\": {\"level\": \"skip\"}\n"
            : "      \"signatureVerification\": {\"level\": \"strict\"},\n"
                + "      \"trustStores\": [\""
                + store
                + "\"],\n"
                + "      \"trustedIdentities\": [\"*\"]\n";
    return "{\n"
        + "  \"version\": \"1.0\",\n"
        + "  \"trustPolicies\": [\n"
        + "    {\n"
        + "      \"name\": \"images\",\n"
        + "      \"registryScopes\": [\"*\"],\n"
        + verification
        + "    }\n"
        + "  ]\n"
        + "}\n";
  }

  /** A version 1.0 policy document of {@code statements}, JSON objects joined by commas. */
  static String wrap(String statements) {
    return "{\"version\":\"1.0\",\"trustPolicies\":[" + statements + "]}";
  }
}

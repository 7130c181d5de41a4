package io.cairn.ops.replication;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.HarborSchema;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Harbor's replication API (registries, policies, executions) as its tests read it: ids from a
 * 201's {@code Location}, the bodies of 200s, Harbor's error bodies and definitions, and the
 * callers it refuses.
 */
final class HarborApi {
  private HarborApi() {}

  /** The id a 201 gives in its {@code Location}, which must be {@code base/<id>}. */
  static long created(HttpResponse<String> created, String base) {
    expect(201, created);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertTrue(location.matches(base + "/[0-9]+"), location);
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  static JsonObject json(HttpResponse<String> response) {
    expect(200, response);
    return new JsonObject(response.body());
  }

  /** The {@code id}s of a 200's list, in its order. */
  static List<Long> ids(HttpResponse<String> response) {
    expect(200, response);
    return ids(new JsonArray(response.body()));
  }

  static List<Long> ids(JsonArray items) {
    List<Long> ids = new ArrayList<>();
    items.forEach(r -> ids.add(((JsonObject) r).getLong("id")));
    return ids;
  }

  /** A Harbor error body with {@code code}, under {@code status}. */
  static void refused(int status, String code, HttpResponse<String> response) {
    expect(status, response);
    JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    assertEquals(code, error.getString("code"), response.body());
    assertNotNull(error.getString("message"));
    assertFalse(error.getString("message").isBlank());
  }

  /** {@code value} against Harbor's {@code definition}, where Harbor's document is at hand. */
  static void assertHarborShape(String definition, JsonObject value) {
    if (!HarborSchema.available()) {
      return;
    }
    try {
      HarborSchema.load().check(definition, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The smallest policy body: a name and the registry on one {@code side}. */
  static JsonObject policy(String name, String side, long registryId) {
    return new JsonObject().put("name", name).put(side, new JsonObject().put("id", registryId));
  }

  /** A name part no other test run has taken. */
  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Harbor lets only system administrators near replication: {@code check} runs as a signed-in
   * user, who gets 403 DENIED, and anonymously, which gets 401 UNAUTHORIZED.
   */
  static void asOthers(RegistryClient admin, Others check) throws Exception {
    Login alice = new Accounts(admin).user("alice-" + suffix());
    check.refused(admin.as(alice), 403, "DENIED");
    check.refused(admin.as(null), 401, "UNAUTHORIZED");
  }

  /** Requests by someone other than an administrator, each to be refused with status and code. */
  interface Others {
    void refused(RegistryClient client, int status, String code) throws Exception;
  }
}

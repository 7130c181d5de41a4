package io.cairn.ops.testing;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tokens from Cairn's token service, and what they say. */
public final class Tokens {
  private Tokens() {}

  /**
   * A token for {@code client}'s caller asking for {@code scopes}; fails unless the service answers
   * 200 with the same token as {@code token} and {@code access_token}, and an {@code expires_in}
   * that is the token's own lifetime.
   */
  public static String token(RegistryClient client, String... scopes) throws Exception {
    StringBuilder query = new StringBuilder("/service/token?service=cairn-registry");
    for (String scope : scopes) {
      query.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = client.get(query.toString());
    RegistryClient.expect(200, r);
    JsonObject body = new JsonObject(r.body());
    String token = body.getString("token");
    JsonObject claims = claims(token);
    if (!token.equals(body.getString("access_token"))
        || body.getLong("expires_in") != claims.getLong("exp") - claims.getLong("iat")) {
      throw new AssertionError("inconsistent token answer: " + r.body() + " " + claims);
    }
    return token;
  }

  /** The claims of a token, read without checking it. */
  public static JsonObject claims(String token) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}

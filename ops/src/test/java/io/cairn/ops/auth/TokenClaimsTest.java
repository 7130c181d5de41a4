package io.cairn.ops.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.auth.TokenKey;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bearer tokens whose claims are malformed, signed with the registry's own key so that only the
 * claims can be at fault: every numeric date that is not a whole number of seconds in range, every
 * claim of the wrong type, and tokens too large or unreadable, are a 401 {@code UNAUTHORIZED},
 * never a 5xx. (A token with {@code "exp": 1e300} used to be a 500.)
 */
@ExtendWith(SharedKafka.class)
class TokenClaimsTest {
  @TempDir static Path dataDir;
  static TestCairn cairn;
  static RegistryClient anonymous;
  static KeyPair key;

  @BeforeAll
  static void setUp() throws Exception {
    cairn = TestCairn.start(dataDir);
    anonymous = new RegistryClient(cairn.url(), null);
    key = TokenKey.loadOrCreate(cairn.config().authDir());
  }

  @AfterAll
  static void tearDown() {
    if (cairn != null) {
      cairn.close();
    }
  }

  /** The claims of a good token for {@code admin}, with {@code {iat} {nbf} {exp}} to fill in. */
  private static final String CLAIMS =
      "{\"iss\":\"cairn-token-service\",\"sub\":\"admin\",\"kind\":\"user\","
          + "\"aud\":\"cairn-registry\",%s\"access\":[]}";

  static String dates(String iat, String nbf, String exp) {
    StringBuilder out = new StringBuilder();
    for (String[] claim : new String[][] {{"iat", iat}, {"nbf", nbf}, {"exp", exp}}) {
      if (claim[1] != null) {
        out.append('"').append(claim[0]).append("\":").append(claim[1]).append(',');
      }
    }
    return String.format(CLAIMS, out);
  }

  static Stream<Named<String>> badClaims() {
    String now = Long.toString(Instant.now().getEpochSecond());
    String later = Long.toString(Instant.now().getEpochSecond() + 600);
    return Stream.of(
        Named.of("exp 1e300", dates(now, now, "1e300")),
        Named.of("exp -1e300", dates(now, now, "-1e300")),
        Named.of("exp a fraction", dates(now, now, later + ".5")),
        Named.of("exp a float of a whole second", dates(now, now, later + ".0")),
        Named.of("exp in exponent form", dates(now, now, "1.9e9")),
        Named.of("exp over a long", dates(now, now, "99999999999999999999999")),
        Named.of("exp Long.MAX_VALUE", dates(now, now, Long.toString(Long.MAX_VALUE))),
        Named.of("exp after year 9999", dates(now, now, "253402300800")),
        Named.of("exp of 2000 digits", dates(now, now, "9".repeat(2000))),
        Named.of("exp negative", dates(now, now, "-1")),
        Named.of("exp a string", dates(now, now, "\"" + later + "\"")),
        Named.of("exp true", dates(now, now, "true")),
        Named.of("exp null", dates(now, now, "null")),
        Named.of("exp an array", dates(now, now, "[" + later + "]")),
        Named.of("exp an object", dates(now, now, "{\"s\":" + later + "}")),
        Named.of("exp missing", dates(now, now, null)),
        Named.of("nbf 1e300", dates(now, "1e300", later)),
        Named.of("nbf -1e300", dates(now, "-1e300", later)),
        Named.of("nbf negative", dates(now, "-5", later)),
        Named.of("nbf a string", dates(now, "\"now\"", later)),
        Named.of("nbf missing", dates(now, null, later)),
        Named.of("iat 1e300", dates("1e300", now, later)),
        Named.of("iat negative", dates("-1", now, later)),
        Named.of("iat over a long", dates("18446744073709551616", now, later)),
        Named.of("iat missing", dates(null, now, later)),
        Named.of("sub a number", replace(dates(now, now, later), "\"sub\":\"admin\"", "\"sub\":1")),
        Named.of(
            "kind an array", replace(dates(now, now, later), "\"kind\":\"user\"", "\"kind\":[]")),
        Named.of(
            "aud an array",
            replace(dates(now, now, later), "\"aud\":\"cairn-registry\"", "\"aud\":[\"x\"]")),
        Named.of(
            "access a string",
            replace(dates(now, now, later), "\"access\":[]", "\"access\":\"*\"")),
        Named.of(
            "access of numbers",
            replace(
                dates(now, now, later),
                "\"access\":[]",
                "\"access\":[{\"type\":1,\"actions\":[2]}]")),
        Named.of("claims an array", "[" + now + "]"),
        Named.of("claims a number", now),
        Named.of("claims nested 2000 deep", "[".repeat(2000) + "]".repeat(2000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badClaims")
  void aSignedTokenWithBadClaimsIs401(String claims) throws Exception {
    assertUnauthorized(signed(header(), claims));
  }

  @Test
  void theSameTokenWithGoodClaimsIsAccepted() throws Exception {
    long now = Instant.now().getEpochSecond();
    String claims = dates(Long.toString(now), Long.toString(now), Long.toString(now + 600));
    HttpResponse<String> r = bearer(signed(header(), claims));
    assertEquals(200, r.statusCode(), r.body());
  }

  static Stream<Named<String>> unreadableTokens() {
    String claims = Base64.getUrlEncoder().withoutPadding().encodeToString("{}".getBytes());
    return Stream.of(
        Named.of("header 1e300", b64("{\"alg\":1e300}") + "." + claims + ".c2ln"),
        Named.of("header an array", b64("[\"EdDSA\"]") + "." + claims + ".c2ln"),
        Named.of("header nested 2000 deep", b64("[".repeat(2000)) + "." + claims + ".c2ln"),
        Named.of("header not base64", "%%%." + claims + ".c2ln"),
        Named.of("four parts", "a.b.c.d"),
        Named.of("7 KiB of dots", ".".repeat(7 * 1024)),
        Named.of(
            "7 KiB of letters", "a".repeat(3000) + "." + "b".repeat(3000) + "." + "c".repeat(1000)),
        Named.of("signature of the wrong length", header() + "." + claims + ".AAAA"));
  }

  /**
   * A token larger than the HTTP server takes in headers (8 KiB in all) never reaches Cairn: the
   * HTTP layer answers 431 and closes, as for any oversized header. Anything smaller is Cairn's to
   * judge, and the cases above show it answers 401.
   */
  @Test
  void aTokenBeyondTheHeaderLimitIsRefusedByTheHttpLayer() throws Exception {
    for (int size : new int[] {9 * 1024, 100 * 1024}) {
      HttpResponse<String> r = bearer("a".repeat(size / 2) + "." + "b".repeat(size / 2) + ".c");
      assertEquals(431, r.statusCode(), size + " → " + r.body());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableTokens")
  void anUnreadableTokenIs401(String token) throws Exception {
    assertUnauthorized(token);
  }

  private static void assertUnauthorized(String token) throws Exception {
    for (String path : new String[] {"/v2/", "/v2/library/app/manifests/v1", "/v2/_catalog"}) {
      HttpResponse<String> r = bearer(token, path);
      assertEquals(401, r.statusCode(), path + " → " + r.body());
      assertTrue(r.body().contains("\"UNAUTHORIZED\""), r.body());
    }
  }

  private static HttpResponse<String> bearer(String token) throws Exception {
    return bearer(token, "/v2/");
  }

  private static HttpResponse<String> bearer(String token, String path) throws Exception {
    return anonymous.send("GET", path, "Authorization", "Bearer " + token);
  }

  /** The header Cairn's own tokens carry: EdDSA, and the id of the registry's key. */
  private static String header() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
      String kid = HexFormat.of().formatHex(hash, 0, 8);
      return b64(new JsonObject().put("alg", "EdDSA").put("typ", "JWT").put("kid", kid).encode());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A compact JWS of {@code claims} (sent as written), signed with the registry's key. */
  private static String signed(String header, String claims) throws Exception {
    String input = header + "." + b64(claims);
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(key.getPrivate());
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalArgumentException(from + " not in " + text);
    }
    return text.replace(from, to);
  }
}

package io.cairn.api.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and checks the bearer tokens of the Docker token flow: compact JWS (RFC 7515) signed with
 * Ed25519 ({@code alg: EdDSA}, RFC 8037). Clients treat the token as opaque; only Cairn reads it,
 * so the one key it generated and kept is all that signs and verifies. A token says who ({@code
 * sub}, and {@code kind}: user, robot or anonymous) and what ({@code access}), for whom ({@code
 * aud}: this registry's service name) and until when ({@code exp}).
 */
public final class TokenService {
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);
  private static final String ISSUER = "cairn-token-service";
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /**
   * Longer than a token fits in the HTTP headers a client can send (8 KiB in all), so longer than
   * any token this service issues that was ever usable: refused before any decoding.
   */
  static final int MAX_TOKEN_CHARS = 8 * 1024;

  /** 9999-12-31T23:59:59Z, the last second a date claim may name. */
  private static final long LAST_SECOND = 253_402_300_799L;

  private final KeyPair key;
  private final String service;
  private final Duration lifetime;
  private final String keyId;
  private final String header;

  public TokenService(KeyPair key, String service, Duration lifetime) {
    this.key = key;
    this.service = service;
    this.lifetime = lifetime;
    this.keyId = keyId(key);
    this.header =
        B64.encodeToString(
            new JsonObject()
                .put("alg", "EdDSA")
                .put("typ", "JWT")
                .put("kid", keyId)
                .encode()
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code service} value clients are told in the challenge and must name in tokens. */
  public String service() {
    return service;
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** What a valid token says. */
  public record Claims(
      String subject, String kind, List<TokenAccess> access, Instant issuedAt, Instant expiresAt) {
    public Claims {
      access = List.copyOf(access);
    }

    /** Whether the token grants {@code word} (pull, push, delete) on {@code repository}. */
    public boolean grants(String type, String name, String word) {
      for (TokenAccess a : access) {
        if (a.type().equals(type)
            && a.name().equals(name)
            && (a.actions().contains(word) || a.actions().contains("*"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** A signed token for {@code subject} granting {@code access}, valid from {@code now}. */
  public String issue(String subject, String kind, List<TokenAccess> access, Instant now) {
    JsonArray grants = new JsonArray();
    for (TokenAccess a : access) {
      grants.add(
          new JsonObject()
              .put("type", a.type())
              .put("name", a.name())
              .put("actions", new JsonArray(new ArrayList<>(a.actions()))));
    }
    JsonObject claims =
        new JsonObject()
            .put("iss", ISSUER)
            .put("sub", subject)
            .put("kind", kind)
            .put("aud", service)
            .put("iat", now.getEpochSecond())
            .put("nbf", now.getEpochSecond())
            .put("exp", now.plus(lifetime).getEpochSecond())
            .put("jti", UUID.randomUUID().toString())
            .put("access", grants);
    String signingInput =
        header + "." + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + B64.encodeToString(sign(signingInput));
  }

  /** The claims of a token this service issued that is valid at {@code now}. */
  public Claims verify(String token, Instant now) throws InvalidTokenException {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidTokenException("longer than any token this registry issues");
    }
    String[] part = token.split("\\.", -1);
    if (part.length != 3) {
      throw new InvalidTokenException("not a compact JWS");
    }
    JsonObject head = json(part[0]);
    if (!"EdDSA".equals(head.getValue("alg")) || !keyId.equals(head.getValue("kid"))) {
      throw new InvalidTokenException("not signed by this registry's key");
    }
    if (!verifies(part[0] + "." + part[1], decode(part[2]))) {
      throw new InvalidTokenException("signature does not verify");
    }
    JsonObject claims = json(part[1]);
    if (!ISSUER.equals(claims.getValue("iss"))) {
      throw new InvalidTokenException("issued by someone else");
    }
    if (!service.equals(claims.getValue("aud"))) {
      throw new InvalidTokenException("issued for another service");
    }
    Instant issued = instant(claims, "iat");
    Instant notBefore = instant(claims, "nbf");
    Instant expires = instant(claims, "exp");
    if (now.plus(SKEW).isBefore(notBefore)) {
      throw new InvalidTokenException("not valid yet");
    }
    if (!now.isBefore(expires)) {
      throw new InvalidTokenException("expired");
    }
    if (!(claims.getValue("sub") instanceof String subject)
        || !(claims.getValue("kind") instanceof String kind)) {
      throw new InvalidTokenException("no subject");
    }
    return new Claims(subject, kind, access(claims), issued, expires);
  }

  private static List<TokenAccess> access(JsonObject claims) throws InvalidTokenException {
    List<TokenAccess> out = new ArrayList<>();
    try {
      JsonArray grants = claims.getJsonArray("access", new JsonArray());
      for (int i = 0; i < grants.size(); i++) {
        JsonObject g = grants.getJsonObject(i);
        Set<String> actions = new HashSet<>();
        g.getJsonArray("actions").forEach(a -> actions.add((String) a));
        out.add(new TokenAccess(g.getString("type"), g.getString("name"), actions));
      }
    } catch (ClassCastException | NullPointerException e) {
      throw new InvalidTokenException("malformed access claim");
    }
    return out;
  }

  /**
   * A NumericDate claim (RFC 7519 §2) as Cairn issues them: whole seconds from 0 to the end of year
   * 9999. A fraction, a number out of that range, or any other JSON type is no valid date.
   */
  private static Instant instant(JsonObject claims, String name) throws InvalidTokenException {
    Object value = claims.getValue(name);
    if (value == null) {
      throw new InvalidTokenException("no " + name + " claim");
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new InvalidTokenException(name + " is not a whole number of seconds");
    }
    long seconds = ((Number) value).longValue();
    if (seconds < 0 || seconds > LAST_SECOND) {
      throw new InvalidTokenException(name + " is out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static JsonObject json(String part) throws InvalidTokenException {
    try {
      return new JsonObject(new String(decode(part), StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidTokenException("not JSON");
    }
  }

  private static byte[] decode(String part) throws InvalidTokenException {
    try {
      return B64D.decode(part);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("not base64url");
    }
  }

  private byte[] sign(String input) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  private boolean verifies(String input, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key.getPublic());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature is an invalid one
    }
  }

  private static String keyId(KeyPair key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A token that does not authenticate anyone; the message says why, for the 401. */
  public static final class InvalidTokenException extends Exception {
    public InvalidTokenException(String why) {
      super(why);
    }
  }
}

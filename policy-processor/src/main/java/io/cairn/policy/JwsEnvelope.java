package io.cairn.policy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.oci.Digest;
import io.cairn.oci.OciException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Notary Project JWS envelope ({@code application/jose+json}, JSON serialization), read and
 * checked for shape: the protected header's {@code alg}, {@code cty}, signing scheme and critical
 * headers, the {@code x5c} chain, and the payload's target artifact. It does not verify anything
 * cryptographic; see {@link NotationVerifier}.
 *
 * @param signingTime the signer's claimed time ({@code notary.x509}) or the signing authority's
 *     authentic time ({@code notary.x509.signingAuthority})
 * @param expiry {@code io.cncf.notary.expiry}, or {@code null}
 * @param chain {@code x5c}: leaf first, then each issuer
 * @param signingInput the bytes the signature covers: {@code protected + "." + payload}, as sent
 */
record JwsEnvelope(
    JwsAlgorithm alg,
    String signingScheme,
    Instant signingTime,
    Instant expiry,
    List<X509Certificate> chain,
    byte[] signingInput,
    byte[] signature,
    Digest target) {

  static final String PAYLOAD_TYPE = "application/vnd.cncf.notary.payload.v1+json";
  static final String X509 = "notary.x509";
  static final String SIGNING_AUTHORITY = "notary.x509.signingAuthority";
  private static final String PREFIX = "io.cncf.notary.";
  private static final String SCHEME = PREFIX + "signingScheme";
  private static final String EXPIRY = PREFIX + "expiry";
  private static final String AUTHENTIC_TIME = PREFIX + "authenticSigningTime";

  /** The critical headers Cairn understands; any other makes the envelope unverifiable. */
  private static final Set<String> UNDERSTOOD = Set.of(SCHEME, EXPIRY, AUTHENTIC_TIME);

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Reads an envelope; every problem is an invalid-signature {@link Rejection}. */
  static JwsEnvelope parse(byte[] bytes) throws Rejection {
    JsonNode envelope = json(bytes, "envelope");
    String protectedText = text(envelope, "protected", "envelope");
    String payloadText = text(envelope, "payload", "envelope");
    byte[] signature = base64Url(text(envelope, "signature", "envelope"), "signature");
    JsonNode header = json(base64Url(protectedText, "protected header"), "protected header");
    JwsAlgorithm alg =
        JwsAlgorithm.named(text(header, "alg", "protected header"))
            .orElseThrow(() -> Rejection.invalid("unsupported JWS alg " + header.get("alg")));
    if (!PAYLOAD_TYPE.equals(header.path("cty").textValue())) {
      throw Rejection.invalid(
          "protected header cty is " + header.get("cty") + ", not " + PAYLOAD_TYPE);
    }
    String scheme = text(header, SCHEME, "protected header");
    Instant signingTime;
    if (scheme.equals(X509)) {
      signingTime = time(header, PREFIX + "signingTime", true);
    } else if (scheme.equals(SIGNING_AUTHORITY)) {
      signingTime = time(header, AUTHENTIC_TIME, true);
    } else {
      throw Rejection.invalid("unsupported signing scheme '" + scheme + "'");
    }
    Instant expiry = time(header, EXPIRY, false);
    checkCritical(header);
    String signed = protectedText + "." + payloadText;
    return new JwsEnvelope(
        alg,
        scheme,
        signingTime,
        expiry,
        chain(envelope.get("header")),
        signed.getBytes(StandardCharsets.US_ASCII),
        signature,
        target(base64Url(payloadText, "payload")));
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /** Every critical header must be understood and present; the spec's must all be critical. */
  private static void checkCritical(JsonNode header) throws Rejection {
    JsonNode crit = header.get("crit");
    if (crit == null || !crit.isArray() || crit.isEmpty()) {
      throw Rejection.invalid("protected header has no crit list");
    }
    Set<String> critical = new HashSet<>();
    for (JsonNode name : crit) {
      if (!name.isTextual() || !UNDERSTOOD.contains(name.textValue())) {
        throw Rejection.invalid("critical header " + name + " is not understood");
      }
      if (!header.has(name.textValue()) || !critical.add(name.textValue())) {
        throw Rejection.invalid("critical header " + name + " is absent or listed twice");
      }
    }
    for (String required : UNDERSTOOD) {
      if (header.has(required) && !critical.contains(required)) {
        throw Rejection.invalid("header " + required + " must be marked critical");
      }
    }
  }

  private static List<X509Certificate> chain(JsonNode header) throws Rejection {
    JsonNode x5c = header == null ? null : header.get("x5c");
    if (x5c == null || !x5c.isArray() || x5c.isEmpty()) {
      throw Rejection.invalid("unprotected header has no x5c certificate chain");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (JsonNode cert : x5c) {
      String where = "x5c[" + chain.size() + "]";
      try {
        chain.add(Pem.certificate(Base64.getDecoder().decode(cert.asText()), where));
      } catch (IllegalArgumentException | TrustMaterialException e) {
        throw Rejection.invalid(where + " is not a base64 DER certificate: " + e.getMessage());
      }
    }
    return List.copyOf(chain);
  }

  private static Digest target(byte[] payload) throws Rejection {
    JsonNode target = json(payload, "payload").get("targetArtifact");
    if (target == null || !target.isObject()) {
      throw Rejection.invalid("payload has no targetArtifact");
    }
    try {
      return Digest.parse(text(target, "digest", "payload targetArtifact"));
    } catch (OciException e) {
      throw Rejection.invalid("payload targetArtifact.digest is not a digest: " + e.getMessage());
    }
  }

  private static Instant time(JsonNode header, String field, boolean required) throws Rejection {
    JsonNode value = header.get(field);
    if (value == null && !required) {
      return null;
    }
    if (value == null || !value.isTextual()) {
      throw Rejection.invalid("protected header has no " + field);
    }
    try {
      return OffsetDateTime.parse(value.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      throw Rejection.invalid("protected header " + field + " is not an RFC 3339 time");
    }
  }

  private static JsonNode json(byte[] bytes, String what) throws Rejection {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw Rejection.invalid(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw Rejection.invalid(what + " is not JSON");
    }
  }

  private static String text(JsonNode node, String field, String what) throws Rejection {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw Rejection.invalid(what + " has no " + field);
    }
    return value.textValue();
  }

  private static byte[] base64Url(String text, String what) throws Rejection {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid(what + " is not base64url");
    }
  }
}

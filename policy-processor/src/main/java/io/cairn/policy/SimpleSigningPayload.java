package io.cairn.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.oci.Digest;
import io.cairn.oci.OciException;
import java.io.IOException;

/**
 * The part of a Cosign "simple signing" payload that binds a signature to an image: {@code
 * critical.image.docker-manifest-digest}. {@code critical.identity} is not read: like Harbor and
 * {@code cosign verify --key}, Cairn checks key and digest, and the registry host a client signed
 * through is not Cairn's business.
 */
final class SimpleSigningPayload {
  static final String TYPE = "cosign container image signature";

  /** Duplicate keys are rejected: two parsers must never disagree on what a signed blob says. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private SimpleSigningPayload() {}

  /** The digest the payload signs; rejects (invalid-signature) anything that is not a payload. */
  static Digest manifestDigest(byte[] payload) throws Rejection {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw Rejection.invalid("payload is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw Rejection.invalid("payload could not be read: " + e.getMessage());
    }
    JsonNode critical = root == null ? null : root.get("critical");
    if (critical == null || !critical.isObject()) {
      throw Rejection.invalid("payload has no 'critical' object");
    }
    JsonNode type = critical.get("type");
    if (type == null || !TYPE.equals(type.textValue())) {
      throw Rejection.invalid("payload critical.type is not '" + TYPE + "'");
    }
    JsonNode digest = critical.path("image").get("docker-manifest-digest");
    if (digest == null || !digest.isTextual()) {
      throw Rejection.invalid("payload has no critical.image.docker-manifest-digest");
    }
    try {
      return Digest.parse(digest.textValue());
    } catch (OciException e) {
      throw Rejection.invalid("payload docker-manifest-digest is not a digest: " + e.getMessage());
    }
  }
}

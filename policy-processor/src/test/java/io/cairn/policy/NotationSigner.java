package io.cairn.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Signs as notation does: a JWS JSON envelope over a {@code targetArtifact} payload, with the chain
 * in {@code x5c}. Header fields can be replaced to make malformed envelopes.
 */
final class NotationSigner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<X509Certificate> chain;
  private final PrivateKey key;
  private final ObjectNode header;

  NotationSigner(List<X509Certificate> chain, PrivateKey key, String alg) {
    this.chain = List.copyOf(chain);
    this.key = key;
    this.header = JSON.createObjectNode();
    header.put("alg", alg);
    header.putArray("crit").add("io.cncf.notary.signingScheme");
    header.put("cty", JwsEnvelope.PAYLOAD_TYPE);
    header.put("io.cncf.notary.signingScheme", "notary.x509");
    header.put("io.cncf.notary.signingTime", "2024-01-01T00:00:00Z");
  }

  /** Sets a protected header field ({@code null} removes it); returns this signer. */
  NotationSigner header(String name, Object value) {
    if (value == null) {
      header.remove(name);
    } else {
      header.set(name, JSON.valueToTree(value));
    }
    return this;
  }

  /** Adds an expiry, marked critical as the spec requires. */
  NotationSigner expiry(Instant expiry) {
    ((ArrayNode) header.get("crit")).add("io.cncf.notary.expiry");
    return header("io.cncf.notary.expiry", expiry.toString());
  }

  byte[] sign(Digest target) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .putObject("targetArtifact")
        .put("mediaType", MediaTypes.OCI_MANIFEST)
        .put("digest", target.toString())
        .put("size", 517);
    String protectedText = base64Url(header.toString().getBytes(StandardCharsets.UTF_8));
    String payloadText = base64Url(payload.toString().getBytes(StandardCharsets.UTF_8));
    byte[] signature =
        signature((protectedText + "." + payloadText).getBytes(StandardCharsets.US_ASCII));
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("payload", payloadText);
    envelope.put("protected", protectedText);
    ArrayNode x5c = envelope.putObject("header").putArray("x5c");
    chain.forEach(cert -> x5c.add(Base64.getEncoder().encodeToString(der(cert))));
    envelope.put("signature", base64Url(signature));
    return envelope.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A signature manifest around {@code envelope}, in the OCI 1.1 or the notation 1.0 form. */
  static Manifest manifest(Descriptor envelope, Digest subject, boolean oci11) {
    Descriptor config =
        oci11
            ? new Descriptor(
                MediaTypes.OCI_EMPTY,
                Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)),
                2,
                null,
                Map.of())
            : new Descriptor(
                NotationVerifier.SIGNATURE_TYPE,
                Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)),
                2,
                null,
                Map.of());
    return new Manifest(
        MediaTypes.OCI_MANIFEST,
        oci11 ? NotationVerifier.SIGNATURE_TYPE : null,
        config,
        List.of(envelope),
        List.of(),
        new Descriptor(MediaTypes.OCI_MANIFEST, subject, 517, null, Map.of()),
        Map.of());
  }

  /** The envelope with one bit of its signature flipped. */
  static byte[] tamperSignature(byte[] envelope) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(envelope);
      byte[] signature = Base64.getUrlDecoder().decode(node.get("signature").asText());
      signature[signature.length / 2] ^= 1;
      node.put("signature", base64Url(signature));
      return node.toString().getBytes(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] signature(byte[] input) {
    try {
      String alg = header.get("alg").asText();
      Signature signer;
      if (alg.startsWith("PS")) {
        String hash = "SHA-" + alg.substring(2);
        signer = Signature.getInstance("RSASSA-PSS");
        signer.setParameter(
            new PSSParameterSpec(
                hash,
                "MGF1",
                new MGF1ParameterSpec(hash),
                Integer.parseInt(alg.substring(2)) / 8,
                1));
      } else if (alg.startsWith("RS")) {
        signer = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
      } else {
        signer = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
      }
      signer.initSign(key);
      signer.update(input);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}

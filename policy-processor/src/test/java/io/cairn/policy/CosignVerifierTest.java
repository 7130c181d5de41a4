package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cosign verification with keys generated at test time, and every malformed shape. */
class CosignVerifierTest {
  private static final Digest SUBJECT = Digest.sha256("app".getBytes(StandardCharsets.UTF_8));
  private static final Digest OTHER = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
  private static final Digest SIGNATURE = Digest.sha256("sig".getBytes(StandardCharsets.UTF_8));
  private static final KeyPair KEY = TestPki.ec("secp256r1");
  private static final KeyPair OTHER_KEY = TestPki.ec("secp256r1");

  private final InMemoryBlobs blobs = new InMemoryBlobs();

  @Test
  void signatureByATrustedKeyForTheSubjectIsValid() {
    SignatureVerdict verdict = verify(manifest(layer(KEY, payload(SUBJECT))), KEY);

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
    assertEquals("trusted", verdict.verifiedBy());
    assertEquals(SIGNATURE, verdict.signatureDigest());
  }

  @Test
  void ociArtifactFormIsReadLikeTheTagScheme() {
    Manifest tagScheme = manifest(layer(KEY, payload(SUBJECT)));
    Manifest artifact =
        new Manifest(
            MediaTypes.OCI_MANIFEST,
            "application/vnd.dev.cosign.artifact.sig.v1+json",
            tagScheme.config(),
            tagScheme.layers(),
            List.of(),
            new Descriptor(MediaTypes.OCI_MANIFEST, SUBJECT, 402, null, Map.of()),
            Map.of());

    assertEquals(Outcome.VALID, verify(artifact, KEY).outcome());
  }

  @Test
  void signatureForAnotherManifestIsWrongSubject() {
    SignatureVerdict verdict = verify(manifest(layer(KEY, payload(OTHER))), KEY);

    assertEquals(Outcome.WRONG_SUBJECT, verdict.outcome());
    assertEquals("trusted", verdict.verifiedBy());
  }

  @Test
  void signatureByAnotherKeyIsUntrusted() {
    assertEquals(
        Outcome.UNTRUSTED_KEY, verify(manifest(layer(KEY, payload(SUBJECT))), OTHER_KEY).outcome());
  }

  /**
   * A payload changed after signing, re-hashed into the manifest, is indistinguishable from another
   * key's signature, whichever key is trusted: the rule in {@link CosignVerifier}.
   */
  @Test
  void payloadChangedAfterSigningIsUntrustedWhicheverKeyIsTrusted() {
    byte[] signed = payload(SUBJECT);
    byte[] changed =
        new String(signed, StandardCharsets.UTF_8)
            .replace("\"optional\":{}", "\"optional\":{\"x\":1}")
            .getBytes(StandardCharsets.UTF_8);
    Descriptor layer =
        blobs.put(CosignVerifier.SIMPLE_SIGNING, changed, annotation(sign(KEY, signed)));

    assertEquals(Outcome.UNTRUSTED_KEY, verify(manifest(layer), KEY).outcome());
    assertEquals(Outcome.UNTRUSTED_KEY, verify(manifest(layer), OTHER_KEY).outcome());
  }

  @Test
  void payloadBytesThatAreNotTheLayersAreInvalid() {
    Descriptor layer = layer(KEY, payload(SUBJECT));
    blobs.putUnder(layer.digest(), payload(OTHER));

    assertInvalid(manifest(layer), "do not match the descriptor");
  }

  @Test
  void missingPayloadIsInvalid() {
    Descriptor layer = layer(KEY, payload(SUBJECT));
    blobs.remove(layer.digest());

    assertInvalid(manifest(layer), "is not in the repository");
  }

  @Test
  void oversizedPayloadIsNotRead() {
    Descriptor layer = layer(KEY, payload(SUBJECT));
    Descriptor huge =
        new Descriptor(
            layer.mediaType(),
            layer.digest(),
            SignatureBlobs.MAX_BYTES + 1,
            null,
            layer.annotations());

    assertInvalid(manifest(huge), "at most");
  }

  @Test
  void layerWithoutSignatureAnnotationIsInvalid() {
    assertInvalid(
        manifest(blobs.put(CosignVerifier.SIMPLE_SIGNING, payload(SUBJECT), Map.of())),
        "no dev.cosignproject.cosign/signature");
  }

  @Test
  void annotationThatIsNotBase64IsInvalid() {
    assertInvalid(
        manifest(
            blobs.put(
                CosignVerifier.SIMPLE_SIGNING,
                payload(SUBJECT),
                Map.of(CosignVerifier.SIGNATURE_ANNOTATION, "%%%"))),
        "not base64");
  }

  @Test
  void signatureThatIsNotDerEcdsaIsInvalid() {
    String junk =
        Base64.getEncoder().encodeToString("not a signature".getBytes(StandardCharsets.UTF_8));

    assertInvalid(
        manifest(
            blobs.put(
                CosignVerifier.SIMPLE_SIGNING,
                payload(SUBJECT),
                Map.of(CosignVerifier.SIGNATURE_ANNOTATION, junk))),
        "not a well-formed signature");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{\"docker-manifest-digest\":\"sha256:00\"}}}",
        "{\"critical\":{\"type\":\"cosign container image signature\",\"image\":{}}}",
        "{\"critical\":{\"type\":\"cosign container image signature\",\"image\":{\"docker-manifest-digest\":\"md5:00\"}}}"
      })
  void verifiedPayloadThatIsNotASimpleSigningDocumentIsInvalid(String payload) {
    assertInvalid(manifest(layer(KEY, payload.getBytes(StandardCharsets.UTF_8))), "payload");
  }

  @Test
  void manifestWithoutSimpleSigningLayersIsInvalid() {
    Descriptor tar = blobs.put(MediaTypes.OCI_MANIFEST, payload(SUBJECT), Map.of());

    assertInvalid(manifest(tar), "not a Cosign signature manifest");
  }

  @Test
  void trustingNoKeysTrustsNothing() {
    SignatureVerdict verdict =
        new CosignVerifier(List.of())
            .verify(SUBJECT, SIGNATURE, manifest(layer(KEY, payload(SUBJECT))), blobs);

    assertEquals(Outcome.UNTRUSTED_KEY, verdict.outcome());
  }

  @Test
  void rsaAndEd25519KeysVerify() {
    for (KeyPair keys : List.of(TestPki.rsa(2048), TestPki.ed25519())) {
      SignatureVerdict verdict = verify(manifest(layer(keys, payload(SUBJECT))), keys);
      assertEquals(
          Outcome.VALID,
          verdict.outcome(),
          keys.getPublic().getAlgorithm() + ": " + verdict.reason());
    }
  }

  @Test
  void oneValidLayerMakesTheManifestValidWhateverTheOthers() {
    Descriptor untrusted = layer(OTHER_KEY, payload(SUBJECT));
    Descriptor wrong = layer(KEY, payload(OTHER));
    Descriptor good = layer(KEY, payload(SUBJECT));

    SignatureVerdict verdict = verify(manifest(untrusted, wrong, good), KEY);

    assertEquals(Outcome.VALID, verdict.outcome());
    assertTrue(verdict.reason().startsWith("layer 2: "), verdict.reason());
  }

  @Test
  void failuresRankWrongSubjectThenInvalidThenUntrusted() {
    Descriptor untrusted = layer(OTHER_KEY, payload(SUBJECT));
    Descriptor invalid = blobs.put(CosignVerifier.SIMPLE_SIGNING, payload(SUBJECT), Map.of());
    Descriptor wrong = layer(KEY, payload(OTHER));

    assertEquals(Outcome.WRONG_SUBJECT, verify(manifest(untrusted, invalid, wrong), KEY).outcome());
    assertEquals(Outcome.INVALID_SIGNATURE, verify(manifest(untrusted, invalid), KEY).outcome());
    assertEquals(Outcome.UNTRUSTED_KEY, verify(manifest(untrusted), KEY).outcome());
  }

  private SignatureVerdict verify(Manifest manifest, KeyPair trusted) {
    return new CosignVerifier(List.of(new TrustedKey("trusted", trusted.getPublic())))
        .verify(SUBJECT, SIGNATURE, manifest, blobs);
  }

  private void assertInvalid(Manifest manifest, String because) {
    SignatureVerdict verdict = verify(manifest, KEY);
    assertEquals(Outcome.INVALID_SIGNATURE, verdict.outcome(), verdict.reason());
    assertTrue(verdict.reason().contains(because), verdict.reason());
  }

  private Descriptor layer(KeyPair signer, byte[] payload) {
    return blobs.put(CosignVerifier.SIMPLE_SIGNING, payload, annotation(sign(signer, payload)));
  }

  private static Map<String, String> annotation(byte[] signature) {
    return Map.of(
        CosignVerifier.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signature));
  }

  private static Manifest manifest(Descriptor... layers) {
    Descriptor config =
        new Descriptor(
            "application/vnd.oci.image.config.v1+json",
            Digest.sha256(new byte[0]),
            0,
            null,
            Map.of());
    return new Manifest(
        MediaTypes.OCI_MANIFEST, null, config, List.of(layers), List.of(), null, Map.of());
  }

  static byte[] payload(Digest subject) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"cairn.test/library/app\"},"
            + "\"image\":{\"docker-manifest-digest\":\""
            + subject
            + "\"},"
            + "\"type\":\"cosign container image signature\"},\"optional\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Signs as cosign does: SHA-256 with the key's algorithm, ECDSA as DER. */
  static byte[] sign(KeyPair keys, byte[] payload) {
    String algorithm =
        switch (keys.getPrivate().getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> "Ed25519";
        };
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(keys.getPrivate());
      signer.update(payload);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

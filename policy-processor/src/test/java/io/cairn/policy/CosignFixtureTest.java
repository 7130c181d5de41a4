package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code fixtures/cosign/cases.json} with every key, against its expected verdict.
 */
class CosignFixtureTest {
  private static final Path ROOT = Fixtures.cosign();
  private static final JsonNode CASES = Fixtures.json(ROOT.resolve("cases.json"));
  private static final OciLayout LAYOUT = new OciLayout(ROOT);

  /**
   * Where this verifier honestly disagrees with cases.json. The tampered payload carries keyA's
   * signature over other bytes; nothing in the manifest or payload says which key signed, and for
   * any (signature, key) some message verifies, so with keyA trusted the verifier sees exactly what
   * it sees with keyB: a well-formed signature that the trusted key does not verify. It reports
   * untrusted-key for both. The test pins both the expectation and the divergence, so a change to
   * either shows up here.
   */
  private static final Map<String, Outcome> KNOWN_DIVERGENCES =
      Map.of("app-sig-tampered-payload/keyA", Outcome.UNTRUSTED_KEY);

  static Stream<Arguments> caseAndKey() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : CASES.get("cases")) {
      c.get("expected")
          .properties()
          .forEach(
              e ->
                  out.add(
                      Arguments.of(c.get("case").asText(), e.getKey(), e.getValue().asText(), c)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} trusting {1}: {2}")
  @MethodSource("caseAndKey")
  void verdictMatchesCasesJson(String name, String key, String expected, JsonNode c) {
    SignatureVerdict verdict = verify(c, List.of(key));

    Outcome known = KNOWN_DIVERGENCES.get(name + "/" + key);
    if (known != null) {
      assertNotEquals(expected, known.word(), "divergence no longer needed: cases.json changed");
      assertEquals(known, verdict.outcome(), verdict.reason());
      return;
    }
    assertEquals(expected, verdict.outcome().word(), verdict.reason());
    if (verdict.outcome() == Outcome.VALID || verdict.outcome() == Outcome.WRONG_SUBJECT) {
      assertEquals(key, verdict.verifiedBy());
    } else {
      assertNull(verdict.verifiedBy());
    }
    assertEquals(
        Digest.parse(c.get("signatureManifestDigest").asText()), verdict.signatureDigest());
  }

  @Test
  void everyCaseAndKeyIsCovered() {
    assertEquals(15, caseAndKey().count());
    assertEquals(Set.of("keyA", "keyB", "wrong"), keyNames());
  }

  /** Each layer alone verifies with exactly the keys its {@code verifiesWith} lists. */
  @Test
  void eachLayerVerifiesWithExactlyTheListedKeys() {
    for (JsonNode c : CASES.get("cases")) {
      Manifest manifest = LAYOUT.manifest(Digest.parse(c.get("signatureManifestDigest").asText()));
      for (JsonNode layer : c.get("layers")) {
        Descriptor descriptor = manifest.layers().get(layer.get("layer").asInt());
        Digest signed = Digest.parse(layer.get("docker-manifest-digest").asText());
        Manifest single =
            new Manifest(
                manifest.mediaType(),
                null,
                manifest.config(),
                List.of(descriptor),
                List.of(),
                null,
                Map.of());
        Set<String> listed = new java.util.HashSet<>();
        layer.get("verifiesWith").forEach(k -> listed.add(k.asText()));
        for (String key : keyNames()) {
          SignatureVerdict verdict =
              verifier(List.of(key))
                  .verify(signed, Digest.sha256(new byte[0]), single, LAYOUT.blobs());
          assertEquals(
              listed.contains(key),
              verdict.isValid(),
              c.get("case")
                  + " layer "
                  + layer.get("layer")
                  + " with "
                  + key
                  + ": "
                  + verdict.reason());
        }
      }
    }
  }

  @Test
  void trustingSeveralKeysReportsTheFirstVerifyingLayersKey() {
    JsonNode both = caseNamed("app-sig-keyA-keyB");
    SignatureVerdict verdict = verify(both, List.of("wrong", "keyB", "keyA"));

    assertEquals(Outcome.VALID, verdict.outcome());
    assertEquals("keyA", verdict.verifiedBy(), "layer 0 is keyA's");
  }

  @Test
  void wrongSubjectManifestIsValidForTheManifestItSigns() {
    JsonNode c = caseNamed("app-sig-wrong-subject");
    Digest other = Digest.parse(CASES.get("subjects").get("other:v1").asText());
    Digest signature = Digest.parse(c.get("signatureManifestDigest").asText());

    SignatureVerdict verdict =
        verifier(List.of("keyA"))
            .verify(other, signature, LAYOUT.manifest(signature), LAYOUT.blobs());

    assertEquals(Outcome.VALID, verdict.outcome(), verdict.reason());
  }

  @Test
  void wrongSubjectReasonNamesBothDigests() {
    SignatureVerdict verdict = verify(caseNamed("app-sig-wrong-subject"), List.of("keyA"));

    assertTrue(
        verdict
            .reason()
            .contains("sha256:3606641603814d5cabebb42e1bdf86745e2e6817d197c7b4bb0def424229cc94"),
        verdict.reason());
    assertTrue(
        verdict
            .reason()
            .contains("sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c"),
        verdict.reason());
  }

  @Test
  void keysHaveTheReadmeFingerprints() {
    assertEquals(
        "ee799e6edfab92123e942fccd2c6a12d6d0ce6ed2579e5ef8c2a9ac0800638f1",
        key("keyA").fingerprint());
    assertEquals(
        "0921fdcab73da8eadfbd9e48159a860e92e8f4b7dde605aeee9650141dd30c78",
        key("keyB").fingerprint());
    assertEquals(
        "34bddf0195eaefdcb633b0c155139dfdfb5fad5041d31eabc815ebae8bbe9e04",
        key("wrong").fingerprint());
  }

  private static SignatureVerdict verify(JsonNode c, List<String> keys) {
    Digest subject = Digest.parse(c.get("subjectDigest").asText());
    Digest signature = Digest.parse(c.get("signatureManifestDigest").asText());
    return verifier(keys).verify(subject, signature, LAYOUT.manifest(signature), LAYOUT.blobs());
  }

  private static CosignVerifier verifier(List<String> names) {
    return new CosignVerifier(names.stream().map(CosignFixtureTest::key).toList());
  }

  static TrustedKey key(String name) {
    return TrustedKey.fromPem(
        name, Fixtures.text(ROOT.resolve(CASES.get("keys").get(name).asText())));
  }

  private static Set<String> keyNames() {
    Set<String> names = new java.util.TreeSet<>();
    CASES.get("keys").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode caseNamed(String name) {
    for (JsonNode c : CASES.get("cases")) {
      if (c.get("case").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no case " + name);
  }
}

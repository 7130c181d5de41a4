package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.accessory.AccessoryType;
import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.Manifest;
import io.cairn.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What may pass content trust unsigned because it is a signature: real signatures do, and so does
 * any manifest shaped and filled as a signing tool writes it; an image dressed as one does not.
 */
class SignatureFormTest {
  private static final Path COSIGN = Fixtures.cosign();
  private static final JsonNode CASES = Fixtures.json(COSIGN.resolve("cases.json"));
  private static final OciLayout LAYOUT = new OciLayout(COSIGN);
  private static final String SIGNED = CosignVerifier.SIGNATURE_ANNOTATION;
  private static final byte[] TAR_GZ = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

  @Test
  void everyRealCosignSignatureIsASignatureEvenOfTheWrongSubjectOrTampered() {
    for (JsonNode c : CASES.get("cases")) {
      Manifest manifest = LAYOUT.manifest(Digest.parse(c.get("signatureManifestDigest").asText()));
      assertEquals(
          Optional.empty(),
          SignatureForm.problem(AccessoryType.SIGNATURE_COSIGN, manifest, LAYOUT.blobs()),
          c.get("case").asText());
    }
  }

  @Test
  void aNotationEnvelopeIsASignatureInBothManifestForms() {
    InMemoryBlobs blobs = notationConfigs();
    byte[] envelope = NotationTestBed.signer().sign(NotationTestBed.SUBJECT);
    Descriptor layer = blobs.put(NotationVerifier.JWS, envelope, Map.of());
    for (boolean oci11 : new boolean[] {true, false}) {
      Manifest manifest = NotationSigner.manifest(layer, NotationTestBed.SUBJECT, oci11);
      assertEquals(
          Optional.empty(),
          SignatureForm.problem(AccessoryType.SIGNATURE_NOTATION, manifest, blobs));
    }
  }

  @Test
  void aCoseSign1EnvelopeIsRecognisedByItsTag() {
    InMemoryBlobs blobs = notationConfigs();
    byte[] cose = {(byte) 0xD2, (byte) 0x84, 0x40, (byte) 0xA0, 0x40, 0x40};
    assertForm(
        true, AccessoryType.SIGNATURE_NOTATION, notation(blobs, "application/cose", cose), blobs);
    assertForm(
        false,
        AccessoryType.SIGNATURE_NOTATION,
        notation(blobs, "application/cose", TAR_GZ),
        blobs);
  }

  @Test
  void anImageLayerUnderASignatureMediaTypeIsNoSignature() {
    InMemoryBlobs blobs = notationConfigs();
    Descriptor fake = blobs.put(CosignVerifier.SIMPLE_SIGNING, TAR_GZ, Map.of(SIGNED, "MEUCIQ=="));
    assertForm(false, AccessoryType.SIGNATURE_COSIGN, cosign(blobs, fake), blobs);
    assertForm(
        false,
        AccessoryType.SIGNATURE_NOTATION,
        notation(blobs, NotationVerifier.JWS, TAR_GZ),
        blobs);
  }

  @Test
  void jsonThatIsNotAPayloadOrEnvelopeIsNoSignature() {
    InMemoryBlobs blobs = notationConfigs();
    byte[] json = "{\"critical\":{\"type\":\"something else\"}}".getBytes(StandardCharsets.UTF_8);
    Descriptor payload = blobs.put(CosignVerifier.SIMPLE_SIGNING, json, Map.of(SIGNED, "MEUCIQ=="));
    assertForm(false, AccessoryType.SIGNATURE_COSIGN, cosign(blobs, payload), blobs);
    byte[] notJws = "{\"payload\":1}".getBytes(StandardCharsets.UTF_8);
    assertForm(
        false,
        AccessoryType.SIGNATURE_NOTATION,
        notation(blobs, NotationVerifier.JWS, notJws),
        blobs);
  }

  @Test
  void aPayloadWithoutItsSignatureAnnotationIsNoSignature() {
    JsonNode c = CASES.get("cases").get(0);
    Manifest real = LAYOUT.manifest(Digest.parse(c.get("signatureManifestDigest").asText()));
    Descriptor layer = real.layers().get(0);
    Descriptor bare =
        new Descriptor(layer.mediaType(), layer.digest(), layer.size(), null, Map.of());
    Manifest manifest =
        new Manifest(
            real.mediaType(), null, real.config(), List.of(bare), List.of(), null, Map.of());
    assertForm(false, AccessoryType.SIGNATURE_COSIGN, manifest, LAYOUT.blobs());
  }

  @Test
  void aBigPayloadIsNotReadAtAll() {
    InMemoryBlobs blobs = notationConfigs();
    byte[] big = new byte[(int) SignatureForm.MAX_BLOB_BYTES + 1];
    Descriptor layer = blobs.put(CosignVerifier.SIMPLE_SIGNING, big, Map.of(SIGNED, "MEUCIQ=="));
    Optional<String> problem =
        SignatureForm.problem(AccessoryType.SIGNATURE_COSIGN, cosign(blobs, layer), blobs);
    assertTrue(
        problem.orElseThrow().contains("at most " + SignatureForm.MAX_BLOB_BYTES), problem.get());
  }

  @Test
  void aBigConfigMakesNoSignature() {
    JsonNode c = CASES.get("cases").get(0);
    Manifest real = LAYOUT.manifest(Digest.parse(c.get("signatureManifestDigest").asText()));
    InMemoryBlobs blobs = new InMemoryBlobs();
    Descriptor config = blobs.put(MediaTypes.OCI_EMPTY, new byte[70_000], Map.of());
    for (Descriptor layer : real.layers()) {
      blobs.putUnder(layer.digest(), LAYOUT.bytes(layer.digest()));
    }
    Manifest manifest =
        new Manifest(
            real.mediaType(), null, config, real.layers(), List.of(), null, real.annotations());
    assertForm(false, AccessoryType.SIGNATURE_COSIGN, manifest, blobs);
  }

  @Test
  void missingBlobsAnIndexOrAnotherTypeAreNoSignature() {
    JsonNode c = CASES.get("cases").get(0);
    Manifest real = LAYOUT.manifest(Digest.parse(c.get("signatureManifestDigest").asText()));
    assertForm(false, AccessoryType.SIGNATURE_COSIGN, real, digest -> Optional.empty());
    assertForm(false, AccessoryType.SBOM_COSIGN, real, LAYOUT.blobs());
    Manifest index =
        new Manifest(MediaTypes.OCI_INDEX, null, null, List.of(), real.layers(), null, Map.of());
    assertForm(false, AccessoryType.SIGNATURE_COSIGN, index, LAYOUT.blobs());
  }

  private static void assertForm(
      boolean expected, AccessoryType type, Manifest manifest, BlobSource blobs) {
    Optional<String> problem = SignatureForm.problem(type, manifest, blobs);
    assertEquals(expected, problem.isEmpty(), problem.orElse("recognised as a signature"));
  }

  /** The empty config blob both Notation manifest forms name. */
  private static InMemoryBlobs notationConfigs() {
    InMemoryBlobs blobs = new InMemoryBlobs();
    blobs.put(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    return blobs;
  }

  private static Manifest notation(InMemoryBlobs blobs, String envelopeType, byte[] envelope) {
    Descriptor layer = blobs.put(envelopeType, envelope, Map.of());
    return NotationSigner.manifest(layer, NotationTestBed.SUBJECT, true);
  }

  private static Manifest cosign(InMemoryBlobs blobs, Descriptor layer) {
    Descriptor config =
        blobs.put(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    return new Manifest(
        MediaTypes.OCI_MANIFEST, null, config, List.of(layer), List.of(), null, Map.of());
  }
}

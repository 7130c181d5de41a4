package io.cairn.accessory;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an accessory is to its subject, by Harbor's names (plus cosign's attestations and SBOMs,
 * which Harbor does not type). Every accessory is "hard": it goes when its subject goes.
 */
public enum AccessoryType {
  SIGNATURE_COSIGN("signature.cosign"),
  ATTESTATION_COSIGN("attestation.cosign"),
  SBOM_COSIGN("sbom.cosign"),
  SIGNATURE_NOTATION("signature.notation"),
  SBOM_HARBOR("sbom.harbor"),
  ACCELERATOR_NYDUS("accelerator.nydus"),
  SUBJECT_ACCESSORY("subject.accessory");

  private final String wireName;

  AccessoryType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in events and in Harbor's API, e.g. {@code signature.cosign}. */
  public String wireName() {
    return wireName;
  }

  public boolean isSignature() {
    return this == SIGNATURE_COSIGN || this == SIGNATURE_NOTATION;
  }

  public static Optional<AccessoryType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}

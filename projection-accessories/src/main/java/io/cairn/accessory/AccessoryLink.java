package io.cairn.accessory;

import io.cairn.oci.Digest;

/**
 * One manifest found to be an accessory of another in the same repository.
 *
 * @param accessory the accessory manifest
 * @param size the accessory manifest's size in bytes
 */
public record AccessoryLink(
    Digest subject, Digest accessory, long size, AccessoryType type, Via via) {

  /** How the link was declared. */
  public enum Via {
    /** The accessory's own {@code subject} field (OCI 1.1); these are what referrers lists. */
    SUBJECT,
    /** Cosign's tag scheme: tag {@code sha256-<hex>.sig|.att|.sbom}. */
    TAG
  }
}

package io.cairn.projection;

import java.util.Map;

/**
 * An accessory linked to its subject, with what the accessory and referrers APIs show of it.
 *
 * @param artifactType the accessory manifest's {@code artifactType}, else its config media type
 * @param referrer whether the accessory's own {@code subject} field names this subject, i.e. the
 *     OCI referrers API lists it (cosign's tag-scheme signatures have no subject field)
 * @param attachedAt the event time of the first attach (epoch millis)
 */
public record AccessoryEntry(
    String digest,
    String type,
    long size,
    String mediaType,
    String artifactType,
    Map<String, String> annotations,
    boolean referrer,
    long attachedAt) {

  public AccessoryEntry {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}

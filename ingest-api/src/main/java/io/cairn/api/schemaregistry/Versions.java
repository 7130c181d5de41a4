package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRules;

/** Confluent's version path segment: "latest", -1 (also latest), or 1 .. 2^31-1. */
final class Versions {
  private Versions() {}

  /**
   * The version number, or {@link SchemaRegistry#LATEST}.
   *
   * @throws io.cairn.schemaregistry.SchemaRegistryException INVALID_VERSION (42202)
   */
  static int parse(String segment) {
    if ("latest".equals(segment) || "-1".equals(segment)) {
      return SchemaRegistry.LATEST;
    }
    try {
      int version = Integer.parseInt(segment);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same 42202 as a non-positive number.
    }
    throw SchemaRules.invalidVersion(segment);
  }
}

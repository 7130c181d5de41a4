package io.cairn.api.replication;

import io.cairn.oci.OciErrorCode;
import java.util.Arrays;
import java.util.List;

/**
 * The registry types replication speaks, by Harbor's names. Both are reached over the OCI
 * distribution API; {@link #CAIRN} also has Harbor's management API (and so is how a Harbor is
 * registered).
 */
enum Adapter {
  CAIRN("cairn"),
  DOCKER_REGISTRY("docker-registry");

  private final String type;

  Adapter(String type) {
    this.type = type;
  }

  String type() {
    return type;
  }

  /** Every type, in the order Harbor's adapter list shows them. */
  static List<String> types() {
    return Arrays.stream(values()).map(Adapter::type).toList();
  }

  /** The adapter named {@code type}; 400 for any other. */
  static Adapter of(String type) {
    for (Adapter adapter : values()) {
      if (adapter.type.equals(type)) {
        return adapter;
      }
    }
    throw OciErrorCode.BAD_REQUEST.exception(
        "type must be one of " + String.join(", ", types()) + ", not '" + type + "'");
  }
}

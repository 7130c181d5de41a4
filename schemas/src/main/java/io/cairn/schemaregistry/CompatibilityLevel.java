package io.cairn.schemaregistry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Confluent's compatibility levels: which directions to check, and against how many versions. */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The level of a registry, and of every subject without its own, until someone sets one. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The new schema, as reader, must read data written with the earlier ones. */
  public boolean backward() {
    return backward;
  }

  /** The earlier schemas, as readers, must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Checked against all earlier versions, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Parses a level, ignoring case as Confluent does.
   *
   * @throws SchemaRegistryException {@link SchemaRegistryError#INVALID_COMPATIBILITY_LEVEL}
   */
  public static CompatibilityLevel parse(String level) {
    if (level != null) {
      for (CompatibilityLevel candidate : values()) {
        if (candidate.name().equals(level.trim().toUpperCase(Locale.ROOT))) {
          return candidate;
        }
      }
    }
    String valid = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    throw SchemaRegistryError.INVALID_COMPATIBILITY_LEVEL.exception(
        "Invalid compatibility level '" + level + "'. Valid values are: " + valid);
  }
}

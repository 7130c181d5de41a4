package io.cairn.ops.kafka;

import java.util.Objects;

/**
 * The names of Cairn's own topics. Production uses {@link #defaults()}; tests on a shared broker
 * pass unique names so they cannot see each other's records.
 */
public record TopicNames(String events, String access, String schemas) {

  public TopicNames {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(schemas, "schemas");
  }

  public static TopicNames defaults() {
    return new TopicNames("cairn.events", "cairn.access", "_schemas");
  }

  /** The defaults with a suffix on each name, e.g. a random one per test. */
  public static TopicNames suffixed(String suffix) {
    TopicNames d = defaults();
    return new TopicNames(d.events + suffix, d.access + suffix, d.schemas + suffix);
  }
}

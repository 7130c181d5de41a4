package io.cairn.replication.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DestinationTest {

  @Test
  void harborsReplaceCounts() {
    assertEquals("n/c", new Destination("n", -1).of("a/b/c"));
    assertEquals("n/a/b/c", new Destination("n", 0).of("a/b/c"));
    assertEquals("n/b/c", new Destination("n", 1).of("a/b/c"));
    assertEquals("n/c", new Destination("n", 2).of("a/b/c"));
    assertEquals("n", new Destination("n", 3).of("a/b/c"));
  }

  @Test
  void noNamespaceKeepsTheName() {
    assertEquals("a/b/c", Destination.SAME.of("a/b/c"));
    assertEquals("a/b", new Destination("", 2).of("a/b"));
  }

  @Test
  void replacingMoreSegmentsThanThereAreIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Destination("n", 4).of("a/b/c"));
  }
}

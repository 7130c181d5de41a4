package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AppliedOffsetsTest {
  private final AppliedOffsets applied = new AppliedOffsets();

  @Test
  void waitersCompleteOnceTheirOffsetIsApplied() {
    CompletableFuture<Void> five = applied.whenApplied(0, 5);
    CompletableFuture<Void> seven = applied.whenApplied(0, 7);
    CompletableFuture<Void> otherPartition = applied.whenApplied(1, 5);
    applied.applied(0, 4);
    assertFalse(five.isDone());
    applied.applied(0, 6); // offsets may skip (transaction markers)
    assertTrue(five.isDone());
    assertFalse(seven.isDone());
    assertFalse(otherPartition.isDone());
    assertEquals(6, applied.highest(0));
  }

  @Test
  void anAlreadyAppliedOffsetIsDoneAtOnce() {
    applied.applied(2, 10);
    assertTrue(applied.whenApplied(2, 3).isDone());
    assertEquals(-1, applied.highest(3));
  }
}

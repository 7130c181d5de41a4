package io.cairn.replication.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class HoldsTest {
  static final String TOPIC = "cairn.events";
  static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  static final Step A = new Step.Replicate("library/a", "sha256:" + "a".repeat(64));
  static final Step B = new Step.Replicate("library/b", "sha256:" + "b".repeat(64));
  static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

  static SinkRecord record(int partition, long offset) {
    return new SinkRecord(TOPIC, partition, null, null, null, new byte[0], offset);
  }

  @Test
  void commitsNeverPassTheEarliestHeldRecordOfAPartition() {
    Holds holds = new Holds();
    holds.hold(A, record(0, 10), T0, "unsigned");
    holds.hold(A, record(0, 14), T0.plusSeconds(5), "unsigned"); // asked again later
    holds.hold(B, record(0, 12), T0, "unsigned");
    Map<TopicPartition, OffsetAndMetadata> capped =
        holds.cap(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(7)));
    assertEquals(10, capped.get(P0).offset(), "record 10 is read again after a restart");
    assertEquals(7, capped.get(P1).offset(), "a partition without holds commits as Connect says");

    holds.release(A);
    assertEquals(12, holds.cap(Map.of(P0, new OffsetAndMetadata(20))).get(P0).offset());
    holds.release(B);
    assertEquals(20, holds.cap(Map.of(P0, new OffsetAndMetadata(20))).get(P0).offset());
  }

  @Test
  void aCommitBehindTheHoldIsLeftAlone() {
    Holds holds = new Holds();
    holds.hold(A, record(0, 10), T0, "unsigned");
    assertEquals(8, holds.cap(Map.of(P0, new OffsetAndMetadata(8))).get(P0).offset());
  }

  @Test
  void holdsExpireFromTheirFirstMomentAndOnlyOnce() {
    Holds holds = new Holds();
    holds.hold(A, record(0, 10), T0, "unsigned");
    holds.hold(A, record(0, 11), T0.plusSeconds(3000), "still unsigned");
    holds.hold(B, record(1, 3), T0.plusSeconds(3000), "unsigned");
    Duration hour = Duration.ofHours(1);
    assertEquals(List.of(), holds.expired(T0.plusSeconds(3599), hour));
    List<Holds.Held> expired = holds.expired(T0.plusSeconds(3600), hour);
    assertEquals(1, expired.size());
    assertEquals(A, expired.get(0).step());
    assertEquals(10, expired.get(0).record().kafkaOffset(), "reported with its first record");
    assertEquals("still unsigned", expired.get(0).reason());
    assertEquals(List.of(), holds.expired(T0.plusSeconds(3600), hour));
    assertEquals(1, holds.size());
  }

  @Test
  void partitionsThatMoveToAnotherTaskTakeTheirHoldsWithThem() {
    Holds holds = new Holds();
    holds.hold(A, record(0, 10), T0, "unsigned");
    holds.hold(B, record(1, 3), T0, "unsigned");
    holds.forget(List.of(P0));
    assertEquals(1, holds.size());
    assertTrue(holds.cap(Map.of(P0, new OffsetAndMetadata(20))).get(P0).offset() == 20);
  }
}

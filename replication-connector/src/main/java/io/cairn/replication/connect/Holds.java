package io.cairn.replication.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The subjects a task holds back because the source's content trust would not yet serve them, and
 * the records that asked for them. Pure bookkeeping, so the offset rule is testable alone:
 *
 * <ul>
 *   <li>a partition's committed offset never passes its earliest held record, so a held subject is
 *       asked about again after a restart or a rebalance instead of being forgotten;
 *   <li>a hold ends when its step is carried out (a later event, e.g. the signature's, asked for
 *       the same subject) or when its deadline passes, and the caller then reports it.
 * </ul>
 */
final class Holds {
  /** A held step: the first record that asked for it, where it is, since when and why. */
  record Held(Step step, SinkRecord record, Instant since, String reason) {
    TopicPartition partition() {
      return new TopicPartition(record.topic(), record.kafkaPartition());
    }
  }

  private final Map<Step, Held> held = new LinkedHashMap<>();

  /** Holds {@code step}; a step held already keeps its first record, the earliest to re-read. */
  void hold(Step step, SinkRecord record, Instant now, String reason) {
    held.merge(
        step,
        new Held(step, record, now, reason),
        (old, again) ->
            new Held(
                step,
                old.record().kafkaOffset() <= record.kafkaOffset() ? old.record() : record,
                old.since(),
                reason));
  }

  /** {@code step} was carried out: nothing of it is held any longer. */
  void release(Step step) {
    held.remove(step);
  }

  /** The partitions went to another task, which reads them again from the committed offsets. */
  void forget(Collection<TopicPartition> partitions) {
    held.values().removeIf(h -> partitions.contains(h.partition()));
  }

  /** Whether {@code step} is held. */
  boolean holds(Step step) {
    return held.containsKey(step);
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  int size() {
    return held.size();
  }

  /** Removes and returns the holds older than {@code deadline}. */
  List<Held> expired(Instant now, Duration deadline) {
    List<Held> out = new ArrayList<>();
    held.values()
        .removeIf(
            h -> {
              boolean old = !h.since().plus(deadline).isAfter(now);
              if (old) {
                out.add(h);
              }
              return old;
            });
    return out;
  }

  /**
   * The offsets that may be committed: each partition's {@code current}, but never past its
   * earliest held record (the offset committed is the next one to read, so that record is read
   * again).
   */
  Map<TopicPartition, OffsetAndMetadata> cap(Map<TopicPartition, OffsetAndMetadata> current) {
    Map<TopicPartition, Long> earliest = new HashMap<>();
    for (Held h : held.values()) {
      earliest.merge(h.partition(), h.record().kafkaOffset(), Math::min);
    }
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>(current);
    earliest.forEach(
        (partition, offset) -> {
          OffsetAndMetadata c = out.get(partition);
          if (c != null && c.offset() > offset) {
            out.put(partition, new OffsetAndMetadata(offset, c.metadata()));
          }
        });
    return out;
  }
}

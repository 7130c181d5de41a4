package io.cairn.ops.projection;

import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.projection.AppliedOffsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Decides when the projection has folded every event that was in the log when it started: RUNNING
 * alone is not enough, since processing (and restoring) go on after it.
 *
 * <p>At start it finds, per partition, the offset of the last committed event (the log may end in
 * transaction markers, which are never processed); the projection has caught up once it has
 * applied, or committed its position past, each of them.
 */
public final class CatchUp {
  private static final int FIRST_WINDOW = 16;

  private final Admin admin;
  private final KafkaClientConfig clients;
  private final String topic;
  private final String applicationId;
  private final AppliedOffsets applied;
  private volatile Map<Integer, Long> lastEvents = Map.of();
  private volatile boolean done;

  public CatchUp(
      Admin admin,
      KafkaClientConfig clients,
      String topic,
      String applicationId,
      AppliedOffsets applied) {
    this.admin = admin;
    this.clients = clients;
    this.topic = topic;
    this.applied = applied;
    this.applicationId = applicationId;
  }

  /** Finds each partition's last committed event; call once, before the projection starts. */
  public void markTargets(int partitions, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request =
        IntStream.range(0, partitions)
            .boxed()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
    Map<TopicPartition, Long> ends =
        admin
            .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    Map<Integer, Long> last = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = tailReader()) {
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        last.put(
            end.getKey().partition(), lastEvent(consumer, end.getKey(), end.getValue(), timeout));
      }
    }
    lastEvents = last;
  }

  /**
   * The offset of the last committed record before {@code end}, or -1: reads back in growing
   * windows.
   */
  private static long lastEvent(
      KafkaConsumer<byte[], byte[]> consumer,
      TopicPartition partition,
      long end,
      Duration timeout) {
    consumer.assign(List.of(partition));
    for (long window = FIRST_WINDOW; ; window *= 4) {
      long start = Math.max(0, end - window);
      consumer.seek(partition, start);
      long found = -1;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.offset() < end) {
            found = Math.max(found, r.offset());
          }
        }
      }
      if (found >= 0 || start == 0) {
        return found;
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> tailReader() {
    Map<String, Object> config =
        clients.with(
            Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // A fetch that reaches the end of a partition would wait 500 ms (the default) for
                // more: once per partition at every start.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                10,
                ConsumerConfig.CLIENT_ID_CONFIG,
                applicationId + "-catch-up"));
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** True once every partition's last event at start is folded; then stays true. */
  public boolean isCaughtUp(Duration timeout) {
    if (done) {
      return true;
    }
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      for (Map.Entry<Integer, Long> last : lastEvents.entrySet()) {
        OffsetAndMetadata c = committed.get(new TopicPartition(topic, last.getKey()));
        boolean folded =
            last.getValue() < 0
                || applied.highest(last.getKey()) >= last.getValue()
                || (c != null && c.offset() > last.getValue());
        if (!folded) {
          return false;
        }
      }
      done = true;
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}

package io.cairn.ops.projection;

import io.cairn.projection.AppliedOffsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when the projection has folded everything that was in the log when it started:
 * RUNNING alone is not enough, since processing (and restoring) go on after it.
 *
 * <p>Every write is transactional, so each partition's log ends with a commit marker: a partition
 * is caught up when its committed position or the last applied event reaches the record before
 * that marker.
 */
public final class CatchUp {
  private final Admin admin;
  private final String topic;
  private final String applicationId;
  private final AppliedOffsets applied;
  private volatile Map<TopicPartition, Long> targets;
  private volatile boolean done;

  public CatchUp(Admin admin, String topic, String applicationId, AppliedOffsets applied) {
    this.admin = admin;
    this.topic = topic;
    this.applicationId = applicationId;
    this.applied = applied;
  }

  /** Records the end of each partition now; call once, before the projection starts. */
  public void markTargets(int partitions, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request =
        java.util.stream.IntStream.range(0, partitions)
            .boxed()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
    targets =
        admin
            .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** True once every partition has been folded up to its end at start; then stays true. */
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
      for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
        long end = target.getValue();
        OffsetAndMetadata c = committed.get(target.getKey());
        long position = Math.max(c == null ? 0 : c.offset(), applied.highest(target.getKey().partition()) + 1);
        if (end > 0 && position < end - 1) {
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

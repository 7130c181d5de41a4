package io.cairn.schemaregistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads partition 0 of the {@code _schemas} topic from the beginning, forever, on its own thread,
 * handing each record to a fold and publishing how far it got. The consumer is used by that thread
 * only (KafkaConsumer is not thread-safe); other threads wait on the published position.
 */
final class SchemasTopicTail implements Runnable {
  private static final System.Logger LOG = System.getLogger(SchemasTopicTail.class.getName());

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final BiPredicate<byte[], byte[]> fold;

  /** Offset of the next record to fold; every record below it is in the state. */
  private long position;

  /** End offset read at start; -1 until known. Reaching it means the state is loaded. */
  private long initialEnd = -1;

  /** Why the thread stopped, if it failed; then nothing will be folded any more. */
  private RuntimeException failure;

  private volatile boolean running = true;

  SchemasTopicTail(
      KafkaConsumer<byte[], byte[]> consumer, String topic, BiPredicate<byte[], byte[]> fold) {
    this.consumer = consumer;
    this.partition = new TopicPartition(topic, 0);
    this.fold = fold;
  }

  @Override
  public void run() {
    try (consumer) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition));
      start(consumer.position(partition), end.get(partition));
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          foldOne(record);
        }
        publish(consumer.position(partition));
      }
    } catch (WakeupException e) {
      // close() woke us up: a normal stop.
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "schemas topic reader stopped", e);
      fail(e);
    }
  }

  private void foldOne(ConsumerRecord<byte[], byte[]> record) {
    try {
      if (record.key() != null && !fold.test(record.key(), record.value())) {
        LOG.log(
            System.Logger.Level.DEBUG, "ignored _schemas record at offset {0}", record.offset());
      }
    } catch (IllegalArgumentException e) {
      // A record we cannot read must not stop the registry; Confluent skips them too.
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping malformed _schemas record at offset "
              + record.offset()
              + ": "
              + e.getMessage());
    }
  }

  private synchronized void start(long firstPosition, long end) {
    initialEnd = end;
    publish(firstPosition);
  }

  private synchronized void publish(long newPosition) {
    position = newPosition;
    notifyAll();
  }

  private synchronized void fail(RuntimeException e) {
    failure = e;
    notifyAll();
  }

  /** Stops the thread from any thread; the consumer is closed by the thread itself. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Closes the consumer of a tail whose thread never ran. */
  void closeUnused() {
    consumer.close();
  }

  /** Waits until the state holds every record that was in the topic when reading started. */
  synchronized void awaitLoaded(Duration timeout) throws InterruptedException {
    awaitUntil(() -> initialEnd >= 0 && position >= initialEnd, timeout, "load the schemas topic");
  }

  /** Waits until the record at this offset is folded into the state. */
  synchronized void awaitFolded(long offset, Duration timeout) throws InterruptedException {
    awaitUntil(() -> position > offset, timeout, "read back offset " + offset);
  }

  private void awaitUntil(BooleanSupplier done, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (failure != null) {
        throw SchemaRegistryError.STORE_ERROR.exception(
            "The schemas topic reader stopped: " + failure.getMessage(), failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw SchemaRegistryError.OPERATION_TIMEOUT.exception(
            "Timed out after " + timeout.toMillis() + " ms waiting to " + what);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}

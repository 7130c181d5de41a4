package io.cairn.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the event topic. Each {@link #append} is atomic: its events are committed in
 * one Kafka transaction or not at all. Appends that arrive together share a transaction (group
 * commit), so concurrency costs no extra round trips. One thread owns the producer, which is
 * recreated after any failure, so a broker outage fails the appends made during it (the caller
 * answers 503) and later appends succeed once the broker is back. Thread-safe.
 */
public final class EventLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  private static final int MAX_BATCH = 512;

  private final Map<String, Object> config;
  private final String topic;
  private final Serializer<RegistryEvent> serializer;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  private Producer<String, RegistryEvent> producer;

  /** Where an appended event landed. */
  public record Position(int partition, long offset) {}

  /**
   * @param producerConfig bootstrap servers and any client settings; transactions, idempotence
   *     and {@code acks=all} are set here
   * @param transactionalId unique per writing instance (a second writer with the same id fences
   *     the first)
   * @param timeout how long one transaction may block on the broker before its appends fail
   */
  public EventLog(
      Map<String, Object> producerConfig,
      String transactionalId,
      String topic,
      Serializer<RegistryEvent> serializer,
      Duration timeout) {
    this.config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(60_000, 2 * timeout.toMillis()));
    this.topic = topic;
    this.serializer = serializer;
    this.writer = new Thread(this::run, "cairn-event-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** The record key: events of one repository (or project) stay in order on one partition. */
  public static String keyOf(RegistryEvent event) {
    return event.getRepository() != null ? event.getRepository() : event.getProject();
  }

  /**
   * Appends {@code events} atomically. Completes with their positions, in order, once committed;
   * fails when the transaction could not be committed (nothing of it is visible then).
   */
  public CompletableFuture<List<Position>> append(List<RegistryEvent> events) {
    CompletableFuture<List<Position>> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("event log closed"));
    } else if (events.isEmpty()) {
      done.complete(List.of());
    } else {
      queue.add(new Pending(List.copyOf(events), done));
    }
    return done;
  }

  private void run() {
    while (!closed) {
      List<Pending> batch = new ArrayList<>();
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(batch, e);
        return;
      } catch (RuntimeException e) {
        LOG.warn("event transaction failed; {} appends answered with an error: {}", batch.size(), e.toString());
        discardProducer();
        fail(batch, e);
      }
    }
  }

  private void commit(List<Pending> batch) throws InterruptedException {
    Producer<String, RegistryEvent> p = producer();
    p.beginTransaction();
    List<List<Future<RecordMetadata>>> sent = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      List<Future<RecordMetadata>> futures = new ArrayList<>(pending.events.size());
      for (RegistryEvent event : pending.events) {
        futures.add(p.send(new ProducerRecord<>(topic, keyOf(event), event)));
      }
      sent.add(futures);
    }
    p.commitTransaction();
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done.complete(positions(sent.get(i)));
    }
  }

  private static List<Position> positions(List<Future<RecordMetadata>> futures)
      throws InterruptedException {
    List<Position> out = new ArrayList<>(futures.size());
    for (Future<RecordMetadata> f : futures) {
      try {
        RecordMetadata meta = f.get(); // already complete: the commit flushed every send
        out.add(new Position(meta.partition(), meta.offset()));
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a committed send failed", e.getCause());
      }
    }
    return out;
  }

  private Producer<String, RegistryEvent> producer() {
    if (producer == null) {
      KafkaProducer<String, RegistryEvent> fresh =
          new KafkaProducer<>(config, new StringSerializer(), serializer);
      try {
        fresh.initTransactions();
      } catch (RuntimeException e) {
        fresh.close(Duration.ZERO);
        throw e;
      }
      producer = fresh;
    }
    return producer;
  }

  /** After any failure the producer may be fenced or mid-transaction: start over with a new one. */
  private void discardProducer() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  private static void fail(List<Pending> batch, Throwable cause) {
    batch.forEach(p -> p.done.completeExceptionally(cause));
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    writer.join(30_000);
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new IllegalStateException("event log closed"));
    discardProducer();
  }

  private record Pending(List<RegistryEvent> events, CompletableFuture<List<Position>> done) {}
}

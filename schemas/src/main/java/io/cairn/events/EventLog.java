package io.cairn.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The write side of the event topic. Each {@link #append} is atomic: a single event is one
 * idempotent record; several events are committed in one Kafka transaction or not at all. Appends
 * that arrive together share a round trip (group commit), and a few transactional lanes commit side
 * by side, since a producer holds only one open transaction. Each lane's thread owns its producer
 * and recreates it after any failure, so a broker outage fails the appends made during it (the
 * caller answers 503) and later appends succeed once the broker is back. Thread-safe; {@link
 * #append} never blocks.
 */
public final class EventLog implements AutoCloseable {
  private final IdempotentLane singles;

  /** Concurrent transactions: enough to hide commit latency on a small machine. */
  private static final int TRANSACTIONAL_LANES = 3;

  private final List<TransactionalLane> transactions = new ArrayList<>();

  /**
   * The largest record the log, its producers and the projection's changelogs accept. A manifest
   * may be 4 MiB and its event carries the annotations, and a request's events travel together, so
   * the broker's 1 MiB default is far too small.
   */
  public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  /** Where an appended event landed. */
  public record Position(int partition, long offset) {}

  /**
   * @param producerConfig bootstrap servers and any client settings; idempotence, {@code acks=all}
   *     and the transactional id are set here
   * @param transactionalId unique per writing instance (a second writer with the same id fences the
   *     first)
   * @param timeout how long one write may block on the broker before its appends fail
   */
  public EventLog(
      Map<String, Object> producerConfig,
      String transactionalId,
      String topic,
      Serializer<RegistryEvent> serializer,
      Duration timeout) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
    // Back-to-back transactions meet CONCURRENT_TRANSACTIONS while markers are written: retry soon.
    config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.singles = new IdempotentLane(config, topic, serializer);
    for (int i = 0; i < TRANSACTIONAL_LANES; i++) {
      Map<String, Object> transactional = new HashMap<>(config);
      transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId + "-" + i);
      transactional.put(
          ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
          (int) Math.max(60_000, 2 * timeout.toMillis()));
      transactions.add(
          new TransactionalLane("cairn-event-log-tx-" + i, transactional, topic, serializer));
    }
    singles.start();
    transactions.forEach(Lane::start);
  }

  /** The record key: events of one repository (or project) stay in order on one partition. */
  public static String keyOf(RegistryEvent event) {
    return event.getRepository() != null ? event.getRepository() : event.getProject();
  }

  /**
   * Appends {@code events} atomically. Completes with their positions, in order, once durable;
   * fails when they could not be written (none of them is visible then).
   */
  public CompletableFuture<List<Position>> append(List<RegistryEvent> events) {
    CompletableFuture<List<Position>> done = new CompletableFuture<>();
    if (events.isEmpty()) {
      done.complete(List.of());
      return done;
    }
    Lane.Pending pending = new Lane.Pending(List.copyOf(events), done);
    Lane lane =
        events.size() == 1
            ? singles
            : transactions.stream().min(Comparator.comparingInt(Lane::backlog)).orElseThrow();
    lane.submit(pending);
    return done;
  }

  @Override
  public void close() throws InterruptedException {
    singles.close();
    for (TransactionalLane lane : transactions) {
      lane.close();
    }
  }
}

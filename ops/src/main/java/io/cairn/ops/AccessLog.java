package io.cairn.ops;

import io.cairn.events.AccessDecision;
import io.cairn.events.AccessEvent;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.WireFormatSerde;
import io.cairn.schemaregistry.SchemaRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused requests and failed logins as {@link AccessEvent}s on {@code cairn.access}. Callers are
 * on the event loop, so a record is only queued; one thread hands the queue to the producer. When
 * Kafka cannot keep up the queue fills and records are dropped and counted, never waited for: an
 * audit stream must not become a way to stall the registry.
 */
final class AccessLog implements io.cairn.api.AccessLog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
  private static final int QUEUE = 10_000;

  private final Producer<String, AccessEvent> producer;
  private final String topic;
  private final String origin;
  private final Clock clock;
  private final BlockingQueue<ProducerRecord<String, AccessEvent>> queue =
      new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;

  /** An access log with its own producer ({@code producerBase} plus a client id and batching). */
  static AccessLog open(
      Map<String, Object> producerBase,
      SchemaRegistry registry,
      String topic,
      String origin,
      Clock clock) {
    Map<String, Object> props = new HashMap<>(producerBase);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, origin + "-access");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    WireFormatSerde<AccessEvent> serde =
        new WireFormatSerde<>(registry, AccessEvent.class, AccessEvent.getClassSchema());
    return new AccessLog(
        new KafkaProducer<>(props, new StringSerializer(), serde.serializer()),
        topic,
        origin,
        clock);
  }

  AccessLog(Producer<String, AccessEvent> producer, String topic, String origin, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.origin = origin;
    this.clock = clock;
    this.sender = new Thread(this::send, "cairn-access-log");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  @Override
  public void denied(Actor who, String resource, String action, String rule) {
    offer(
        resource == null ? "" : resource,
        event(who, AccessDecision.DENIED, resource, action, rule, 0));
  }

  @Override
  public void failedLogin(String account, int failures, String why) {
    Actor who = new Actor(account.startsWith("robot$") ? ActorKind.ROBOT : ActorKind.USER, account);
    offer(account, event(who, AccessDecision.LOGIN_FAILED, null, "login", why, failures));
  }

  /** Records dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  private AccessEvent event(
      Actor who,
      AccessDecision decision,
      String resource,
      String action,
      String rule,
      int failures) {
    return AccessEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(clock.instant())
        .setOrigin(origin)
        .setActor(who)
        .setDecision(decision)
        .setResource(resource)
        .setAction(action)
        .setRule(rule)
        .setFailures(failures)
        .build();
  }

  private void offer(String key, AccessEvent event) {
    if (!queue.offer(new ProducerRecord<>(topic, key, event))) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("access log queue full; {} records dropped so far", dropped.get());
      }
    }
  }

  private void send() {
    while (running || !queue.isEmpty()) {
      try {
        ProducerRecord<String, AccessEvent> record = queue.poll(200, TimeUnit.MILLISECONDS);
        if (record != null) {
          producer.send(
              record,
              (meta, failure) -> {
                if (failure != null) {
                  dropped.incrementAndGet();
                  LOG.warn("access record not written: {}", failure.toString());
                }
              });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        dropped.incrementAndGet();
        LOG.warn("access record not written: {}", e.toString());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sender.join(5_000);
    producer.close(java.time.Duration.ofSeconds(5));
  }
}

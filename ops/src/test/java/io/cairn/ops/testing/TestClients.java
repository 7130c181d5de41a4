package io.cairn.ops.testing;

import io.cairn.events.AccessEvent;
import io.cairn.events.EventLog;
import io.cairn.events.RegistryEvent;
import io.cairn.events.RegistryEventSerde;
import io.cairn.events.WireFormatSerde;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.schemaregistry.HttpSchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Real Kafka clients with string keys and values, configured the way Cairn's writers are, as the
 * principal whose client settings they are given.
 */
public final class TestClients {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private TestClients() {}

  public static Admin admin(KafkaClientConfig clients) {
    return Admin.create(clients.toMap());
  }

  /** Idempotent, {@code acks=all}, as every event writer; {@code extra} adds or overrides. */
  public static KafkaProducer<String, String> producer(
      KafkaClientConfig clients, Map<String, Object> extra) {
    Map<String, Object> conf = clients.toMap();
    conf.put(ProducerConfig.ACKS_CONFIG, "all");
    conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    conf.putAll(extra);
    return new KafkaProducer<>(conf, new StringSerializer(), new StringSerializer());
  }

  /**
   * Reads every committed record of {@code topic}, from the beginning up to the last stable offset
   * of each partition at the time of the call; records of open or aborted transactions are skipped.
   * Uses no consumer group, so nothing is committed.
   */
  public static List<ConsumerRecord<String, String>> readCommitted(
      KafkaClientConfig clients, String topic) {
    return readCommitted(clients, topic, new StringDeserializer());
  }

  /**
   * Every committed event on {@code topic}, decoded with the writer schemas Cairn serves at {@code
   * cairnUrl}{@code /schema-registry}, in partition order.
   */
  public static List<RegistryEvent> registryEvents(
      KafkaClientConfig clients, String topic, String cairnUrl) {
    RegistryEventSerde serde =
        new RegistryEventSerde(new HttpSchemaRegistryClient(cairnUrl + "/schema-registry"));
    return readCommitted(clients, topic, serde.deserializer()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /** Every record on the access topic, decoded as {@link #registryEvents} does. */
  public static List<AccessEvent> accessEvents(
      KafkaClientConfig clients, String topic, String cairnUrl) {
    WireFormatSerde<AccessEvent> serde =
        new WireFormatSerde<>(
            new HttpSchemaRegistryClient(cairnUrl + "/schema-registry"),
            AccessEvent.class,
            AccessEvent.getClassSchema());
    return readCommitted(clients, topic, serde.deserializer()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /** As {@link #readCommitted(KafkaClientConfig, String)}, decoding values with {@code values}. */
  public static <V> List<ConsumerRecord<String, V>> readCommitted(
      KafkaClientConfig clients, String topic, Deserializer<V> values) {
    Map<String, Object> conf =
        clients.with(
            Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(conf, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // With read_committed, the end offsets are the last stable offsets.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Did not reach the end of " + topic + " " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /**
   * Appends {@code events} to {@code topic} as an earlier Cairn would have written them: keyed as
   * {@link EventLog#keyOf}, in the wire format with the schema of {@code schemaRegistryUrl} (give
   * an administrator's credentials in it: the serializer registers the schema).
   */
  public static void appendEvents(
      KafkaClientConfig clients, String topic, String schemaRegistryUrl, List<RegistryEvent> events)
      throws Exception {
    Serializer<RegistryEvent> values =
        new RegistryEventSerde(new HttpSchemaRegistryClient(schemaRegistryUrl)).serializer();
    Map<String, Object> conf = clients.toMap();
    conf.put(ProducerConfig.ACKS_CONFIG, "all");
    conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, RegistryEvent> producer =
        new KafkaProducer<>(conf, new StringSerializer(), values)) {
      for (RegistryEvent event : events) {
        producer.send(new ProducerRecord<>(topic, EventLog.keyOf(event), event)).get();
      }
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey(), READ_TIMEOUT) >= e.getValue());
  }
}

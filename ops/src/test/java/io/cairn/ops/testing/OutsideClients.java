package io.cairn.ops.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka clients as someone outside Cairn makes them: from a client properties file (as {@code
 * Properties.load} reads it) or from nothing but an address, with byte-array keys and values and
 * short timeouts, so a refused attempt fails in seconds.
 */
public final class OutsideClients {
  private static final Duration PATIENCE = Duration.ofSeconds(3);

  private OutsideClients() {}

  /** The settings of a Kafka client properties file. */
  public static Map<String, Object> load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    Map<String, Object> out = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
    return out;
  }

  /** No credentials at all. */
  public static Map<String, Object> anonymous(String bootstrapServers) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  /** {@code base} with {@code extra} on top. */
  public static Map<String, Object> with(Map<String, Object> base, Map<String, Object> extra) {
    Map<String, Object> out = new HashMap<>(base);
    out.putAll(extra);
    return out;
  }

  /** Produces one record and waits for the broker's answer; throws if it is refused. */
  public static void produce(Map<String, Object> settings, String topic, byte[] value)
      throws Exception {
    produce(settings, topic, null, value);
  }

  /** As {@link #produce(Map, String, byte[])}, with a key (which picks the partition). */
  public static void produce(Map<String, Object> settings, String topic, byte[] key, byte[] value)
      throws Exception {
    Map<String, Object> conf =
        with(
            settings,
            Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) PATIENCE.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                2 * (int) PATIENCE.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) PATIENCE.toMillis()));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(conf, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /**
   * What a consumer without a group gets from partitions 0 to {@code partitions - 1} of {@code
   * topic} within a few seconds, from the beginning (an empty list if nothing came). The partitions
   * are named, not looked up, so a client the broker will not describe them to still tries.
   */
  public static List<ConsumerRecord<byte[], byte[]>> poll(
      Map<String, Object> settings, String topic, int partitions) {
    Map<String, Object> conf = new HashMap<>(settings);
    conf.remove(ConsumerConfig.GROUP_ID_CONFIG);
    conf.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> assigned =
          IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Every record of {@code topic} up to its end at the time of the call, read without a group, as
   * far as the broker lets {@code settings} describe and read it.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readToEnd(
      Map<String, Object> settings, String topic) {
    Map<String, Object> conf = new HashMap<>(settings);
    conf.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, PATIENCE).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
      long deadline = System.nanoTime() + 10 * PATIENCE.toNanos();
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("did not reach the end of " + topic);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  /** An admin client that gives up after a few seconds. */
  public static Admin admin(Map<String, Object> settings) {
    return Admin.create(
        with(
            settings,
            Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) PATIENCE.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) PATIENCE.toMillis())));
  }
}

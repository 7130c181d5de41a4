package io.cairn.schemaregistry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The registry stored in a compacted, single-partition topic in Confluent's {@code _schemas} layout
 * (the topic is created by others before {@link #start}). Like Confluent's KafkaStore, a write is
 * produced, then awaited until this instance's own reader has folded it, so a register is visible
 * to the next read here; other instances see it once their reader gets there.
 *
 * <p>Several instances may write without a leader (Confluent elects one instead): the fold is
 * first-writer-wins, a writer that lost a race re-appends the winner's value under a contested key
 * (so compaction keeps the winner) and decides again (see {@link RegistryState}). One corner stays
 * open: a writer that loses an id race and then fails to register at all leaves its ignored record
 * under its own key; should the winner's record later be compacted behind a newer one, a fold of
 * the compacted log could bind the id differently. Run one writing instance where that matters.
 */
public final class KafkaSchemaRegistry extends FoldedSchemaRegistry implements AutoCloseable {
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final SchemasTopicTail tail;
  private final Thread reader;

  /**
   * @param clientConfig bootstrap servers plus whatever else both clients need (security settings)
   */
  public KafkaSchemaRegistry(
      Map<String, Object> clientConfig, String topic, String clientIdPrefix) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(producerConfig(clientConfig, clientIdPrefix));
    this.tail =
        new SchemasTopicTail(
            new KafkaConsumer<>(consumerConfig(clientConfig, clientIdPrefix)), topic, this::fold);
    this.reader = new Thread(tail, clientIdPrefix + "-schemas-reader");
    reader.setDaemon(true);
  }

  private static Map<String, Object> producerConfig(Map<String, Object> common, String prefix) {
    Map<String, Object> config = new HashMap<>(common);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, prefix + "-schemas-writer");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    // A send either lands within the write timeout or fails, never lands after we reported failure.
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    return config;
  }

  private static Map<String, Object> consumerConfig(Map<String, Object> common, String prefix) {
    Map<String, Object> config = new HashMap<>(common);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "-schemas-reader");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Assigned, not subscribed: every instance reads everything and commits nothing.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /**
   * Starts the reader and returns once the state holds everything the topic held at start.
   *
   * @throws SchemaRegistryException if loading fails or takes longer than 60 s
   */
  public void start() {
    reader.start();
    try {
      tail.awaitLoaded(LOAD_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SchemaRegistryError.STORE_ERROR.exception("Interrupted while loading " + topic, e);
    }
  }

  @Override
  protected void append(byte[] key, byte[] value) {
    if (!reader.isAlive()) {
      throw SchemaRegistryError.STORE_ERROR.exception("The registry is not started or closed");
    }
    try {
      long offset =
          producer
              .send(new ProducerRecord<>(topic, 0, key, value))
              .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .offset();
      tail.awaitFolded(offset, WRITE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SchemaRegistryError.STORE_ERROR.exception("Interrupted while writing to " + topic, e);
    } catch (TimeoutException e) {
      throw SchemaRegistryError.OPERATION_TIMEOUT.exception("Timed out writing to " + topic, e);
    } catch (ExecutionException e) {
      throw SchemaRegistryError.STORE_ERROR.exception(
          "Could not write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Stops the reader thread and closes both clients. */
  @Override
  public void close() {
    if (reader.getState() == Thread.State.NEW) {
      tail.closeUnused();
      producer.close(WRITE_TIMEOUT);
      return;
    }
    tail.stop();
    try {
      reader.join(WRITE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      producer.close(WRITE_TIMEOUT);
    }
  }
}

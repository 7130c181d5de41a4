package io.cairn.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends of one event: a single record is atomic by itself, so it needs no transaction, only the
 * idempotent producer's exactly-once delivery. One round trip instead of a transaction's three.
 */
final class IdempotentLane extends Lane {
  private final Map<String, Object> config;
  private final String topic;
  private final Serializer<RegistryEvent> serializer;
  private Producer<String, RegistryEvent> producer;

  IdempotentLane(Map<String, Object> config, String topic, Serializer<RegistryEvent> serializer) {
    super("cairn-event-log-single");
    this.config = config;
    this.topic = topic;
    this.serializer = serializer;
  }

  @Override
  void write(List<Pending> batch) {
    if (producer == null) {
      producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
    }
    for (Pending pending : batch) {
      RegistryEvent event = pending.events().get(0);
      producer.send(
          new ProducerRecord<>(topic, EventLog.keyOf(event), event),
          (meta, error) -> {
            if (error != null) {
              pending.done().completeExceptionally(error);
            } else {
              pending
                  .done()
                  .complete(List.of(new EventLog.Position(meta.partition(), meta.offset())));
            }
          });
    }
    producer.flush(); // one round trip for the whole batch; callbacks have run when it returns
  }

  @Override
  void reset() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }
}

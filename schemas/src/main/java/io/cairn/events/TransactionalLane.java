package io.cairn.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends of several events: each batch is one Kafka transaction, so every append in it is
 * committed whole or not at all (group commit: concurrent appends share the round trips).
 */
final class TransactionalLane extends Lane {
  private final Map<String, Object> config;
  private final String topic;
  private final Serializer<RegistryEvent> serializer;
  private Producer<String, RegistryEvent> producer;

  TransactionalLane(
      String name, Map<String, Object> config, String topic, Serializer<RegistryEvent> serializer) {
    super(name);
    this.config = config;
    this.topic = topic;
    this.serializer = serializer;
  }

  @Override
  void write(List<Pending> batch) throws InterruptedException {
    Producer<String, RegistryEvent> p = producer();
    p.beginTransaction();
    List<List<Future<RecordMetadata>>> sent = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      List<Future<RecordMetadata>> futures = new ArrayList<>(pending.events().size());
      for (RegistryEvent event : pending.events()) {
        futures.add(p.send(new ProducerRecord<>(topic, EventLog.keyOf(event), event)));
      }
      sent.add(futures);
    }
    p.commitTransaction();
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(positions(sent.get(i)));
    }
  }

  private static List<EventLog.Position> positions(List<Future<RecordMetadata>> futures)
      throws InterruptedException {
    List<EventLog.Position> out = new ArrayList<>(futures.size());
    for (Future<RecordMetadata> f : futures) {
      try {
        RecordMetadata meta = f.get(); // complete: the commit flushed every send
        out.add(new EventLog.Position(meta.partition(), meta.offset()));
      } catch (ExecutionException e) {
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

  @Override
  void reset() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }
}

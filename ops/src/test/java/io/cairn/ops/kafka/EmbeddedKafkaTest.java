package io.cairn.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.testing.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Its own broker on its own directory: the restart is what is under test. */
class EmbeddedKafkaTest {

  @TempDir Path dir;

  @Test
  void restartsOnTheSameDirectoryWithItsRecordsAndClusterId() throws Exception {
    String topic = "restart-" + UUID.randomUUID();
    String clusterId;
    Duration cold;
    long firstProduceMillis;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, "127.0.0.1", 0)) {
      cold = kafka.startupTime();
      assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
      assertEquals(
          kafka.bootstrapServers(), Files.readString(dir.resolve(EmbeddedKafka.BOOTSTRAP_FILE)));
      long began = System.nanoTime();
      clusterId = createTopic(kafka.superUser(), topic);
      try (KafkaProducer<String, String> producer =
          TestClients.producer(kafka.superUser(), Map.of())) {
        producer.send(new ProducerRecord<>(topic, "library/alpine", "before restart")).get();
      }
      firstProduceMillis = (System.nanoTime() - began) / 1_000_000;
    }
    assertFalse(Files.exists(dir.resolve(EmbeddedKafka.BOOTSTRAP_FILE)), "stale address left");
    String secrets = Files.readString(dir.resolve("credentials.properties"));

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, "127.0.0.1", 0)) {
      assertEquals(secrets, Files.readString(dir.resolve("credentials.properties")));
      try (Admin admin = TestClients.admin(kafka.cairnClient())) {
        assertEquals(clusterId, admin.describeCluster().clusterId().get(), "SCRAM login kept");
      }
      List<ConsumerRecord<String, String>> records =
          TestClients.readCommitted(kafka.superUser(), topic);
      assertEquals(List.of("before restart"), records.stream().map(ConsumerRecord::value).toList());
      System.out.printf(
          "EmbeddedKafka start: cold (format + start) %d ms, warm restart %d ms;"
              + " create topic + first acknowledged produce %d ms%n",
          cold.toMillis(), kafka.startupTime().toMillis(), firstProduceMillis);
    }
  }

  private static String createTopic(KafkaClientConfig clients, String topic) throws Exception {
    try (Admin admin = TestClients.admin(clients)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      return admin.describeCluster().clusterId().get();
    }
  }
}

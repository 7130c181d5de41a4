package io.cairn.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafka.class)
class SharedKafkaTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TopicNames names = TopicNames.suffixed("." + UUID.randomUUID());

  @Test
  void createsCairnTopicsWithTheirSettingsAndToleratesExistingOnes() throws Exception {
    try (Admin admin = TestClients.admin(SharedKafka.superUser())) {
      CairnTopics topics = new CairnTopics(admin, names, 2);
      topics.ensure(TIMEOUT);
      topics.ensure(TIMEOUT);

      Map<String, TopicDescription> described =
          admin
              .describeTopics(List.of(names.events(), names.access(), names.schemas()))
              .allTopicNames()
              .get();
      assertEquals(2, described.get(names.events()).partitions().size());
      assertEquals(3, described.get(names.access()).partitions().size());
      assertEquals(1, described.get(names.schemas()).partitions().size());

      assertEquals("-1", config(admin, names.events(), "retention.ms"));
      assertEquals("delete", config(admin, names.events(), "cleanup.policy"));
      assertEquals("1", config(admin, names.events(), "min.insync.replicas"));
      assertEquals("2592000000", config(admin, names.access(), "retention.ms"));
      assertEquals("compact", config(admin, names.schemas(), "cleanup.policy"));
    }
  }

  @Test
  void readCommittedSeesIdempotentAndCommittedWritesButNotAbortedOnes() throws Exception {
    KafkaClientConfig bootstrap = SharedKafka.superUser();
    try (Admin admin = TestClients.admin(bootstrap)) {
      new CairnTopics(admin, names, 1).ensure(TIMEOUT);
    }
    String topic = names.events();
    String key = "library/alpine";
    try (KafkaProducer<String, String> producer = TestClients.producer(bootstrap, Map.of())) {
      producer.send(new ProducerRecord<>(topic, key, "idempotent")).get();
    }
    Map<String, Object> transactional =
        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = TestClients.producer(bootstrap, transactional)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, key, "committed 1"));
      producer.send(new ProducerRecord<>(topic, key, "committed 2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, key, "aborted"));
      producer.abortTransaction();
    }

    List<String> values =
        TestClients.readCommitted(bootstrap, topic).stream().map(ConsumerRecord::value).toList();
    assertEquals(List.of("idempotent", "committed 1", "committed 2"), values);
  }

  @Test
  void doesNotCreateTopicsOnFirstUse() throws Exception {
    String missing = "missing-" + UUID.randomUUID();
    Map<String, Object> impatient = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    try (KafkaProducer<String, String> producer =
        TestClients.producer(SharedKafka.superUser(), impatient)) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> producer.send(new ProducerRecord<>(missing, "k", "v")).get());
      assertInstanceOf(TimeoutException.class, e.getCause());
    }
    try (Admin admin = TestClients.admin(SharedKafka.superUser())) {
      assertFalse(admin.listTopics().names().get().contains(missing));
    }
  }

  private static String config(Admin admin, String topic, String name) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get(name).value();
  }
}

package io.cairn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.kafka.CairnTopics;
import io.cairn.ops.kafka.TopicNames;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestClients;
import io.cairn.schemaregistry.KafkaSchemaRegistry;
import io.cairn.schemaregistry.RegistryState;
import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaValue;
import io.cairn.schemaregistry.SchemaVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Kafka-backed schema registry on a real broker: restarts and several instances. */
@ExtendWith(SharedKafka.class)
class KafkaSchemaRegistryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String NAME = record("{\"name\":\"name\",\"type\":\"string\"}");
  private static final String NAME_AGE =
      record(
          "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\",\"default\":0}");

  private String topic;

  private static String record(String fields) {
    return "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\",\"fields\":["
        + fields
        + "]}";
  }

  private static String canonical(String schema) {
    return new Schema.Parser().parse(schema).toString();
  }

  @BeforeEach
  void createTopic() {
    TopicNames names = TopicNames.suffixed("." + UUID.randomUUID());
    try (Admin admin = TestClients.admin(SharedKafka.superUser())) {
      new CairnTopics(admin, names, 1).ensure(TIMEOUT);
    }
    topic = names.schemas();
  }

  private KafkaSchemaRegistry started(String clientId) {
    KafkaSchemaRegistry registry =
        new KafkaSchemaRegistry(SharedKafka.superUser().toMap(), topic, clientId);
    registry.start();
    return registry;
  }

  @Test
  void aRestartedInstanceSeesTheSameSubjectsIdsAndLevels() {
    try (KafkaSchemaRegistry first = started("first")) {
      assertEquals(1, first.register("a", NAME));
      assertEquals(2, first.register("a", NAME_AGE));
      assertEquals(1, first.register("b", NAME));
      first.setCompatibility("a", "FULL");
      // Read-your-writes: register returned after this instance folded its record.
      assertEquals(List.of(1, 2), first.versions("a"));
      assertEquals("FULL", first.compatibility("a"));
    }
    try (KafkaSchemaRegistry second = started("second")) {
      assertEquals(List.of("a", "b"), second.subjects());
      assertEquals(List.of(1, 2), second.versions("a"));
      assertEquals(
          Optional.of(new SchemaVersion("a", 2, 2, canonical(NAME_AGE))), second.latest("a"));
      assertEquals(Optional.of(canonical(NAME)), second.schemaById(1));
      assertEquals("FULL", second.compatibility("a"));
      assertEquals("BACKWARD", second.compatibility(null));
      assertEquals(1, second.register("b", NAME));
      assertEquals(3, second.register("c", record("{\"name\":\"x\",\"type\":\"long\"}")));
    }
  }

  @Test
  void twoInstancesConverge() {
    try (KafkaSchemaRegistry one = started("one");
        KafkaSchemaRegistry two = started("two")) {
      assertEquals(1, one.register("a", NAME));
      eventually(() -> two.versions("a").equals(List.of(1)));
      assertEquals(1, two.register("a", NAME));
      assertEquals(2, two.register("a", NAME_AGE));
      eventually(() -> one.latest("a").map(SchemaVersion::id).equals(Optional.of(2)));
      two.setCompatibility(null, "NONE");
      eventually(() -> one.compatibility("x").equals("NONE"));
    }
  }

  @Test
  void concurrentWritersOnTwoInstancesNeverShareAnId() throws Exception {
    try (KafkaSchemaRegistry one = started("race-one");
        KafkaSchemaRegistry two = started("race-two")) {
      one.setCompatibility(null, "NONE");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        SchemaRegistry target = i % 2 == 0 ? one : two;
        String schema = record("{\"name\":\"f" + i + "\",\"type\":\"int\"}");
        ids.add(pool.submit(() -> target.register("s", schema)));
      }
      Set<Integer> distinct = new TreeSet<>();
      for (Future<Integer> id : ids) {
        distinct.add(id.get());
      }
      pool.shutdown();
      assertEquals(20, distinct.size());
      eventually(() -> one.versions("s").size() == 20 && two.versions("s").size() == 20);
      for (int version : one.versions("s")) {
        assertEquals(one.version("s", version), two.version("s", version));
      }
      for (int id : distinct) {
        assertTrue(one.schemaById(id).isPresent());
        assertEquals(one.schemaById(id), two.schemaById(id));
      }
      RegistryState compacted = foldCompacted();
      for (int version : one.versions("s")) {
        assertEquals(
            one.version("s", version), compacted.version("s", version).map(SchemaValue::toVersion));
      }
    }
  }

  /**
   * Folds the topic as log compaction would leave it (the last record of each key, in offset
   * order): losers of races must not take over once their winners' records are compacted away.
   */
  private RegistryState foldCompacted() {
    Map<String, ConsumerRecord<String, String>> lastByKey = new HashMap<>();
    TestClients.readCommitted(SharedKafka.superUser(), topic)
        .forEach(r -> lastByKey.put(r.key(), r));
    RegistryState state = new RegistryState();
    lastByKey.values().stream()
        .sorted(Comparator.comparingLong(ConsumerRecord::offset))
        .forEach(r -> state.apply(bytes(r.key()), r.value() == null ? null : bytes(r.value())));
    return state;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void eventually(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + TIMEOUT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}

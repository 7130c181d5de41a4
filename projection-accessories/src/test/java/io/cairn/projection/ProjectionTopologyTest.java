package io.cairn.projection;

import static io.cairn.projection.TestEvents.digest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.AvroTrust;
import io.cairn.events.RegistryEvent;
import io.cairn.events.RegistryEventSerde;
import io.cairn.schemaregistry.InMemorySchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology under TopologyTestDriver: events in, the same stores as a plain in-memory fold. */
class ProjectionTopologyTest {
  private static final String TOPIC = "cairn.events";
  private final TestEvents e = new TestEvents();
  private final AppliedOffsets applied = new AppliedOffsets();
  private final OpenStores open = new OpenStores();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RegistryEvent> input;

  @BeforeEach
  void start() {
    AvroTrust.trustCairnEvents();
    RegistryEventSerde serde = new RegistryEventSerde(new InMemorySchemaRegistry());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projection-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            ProjectionTopology.build(TOPIC, serde, applied, ChangeListener.NONE, open), props);
    input = driver.createInputTopic(TOPIC, Serdes.String().serializer(), serde.serializer());
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void storesMatchThePureFoldOfTheSameEvents() {
    String repo = "library/app";
    List<RegistryEvent> history =
        List.of(
            e.project("team", 2),
            e.blob(repo, digest(5), 10),
            e.manifest(repo, digest(1)),
            e.tag(repo, "v1", digest(1)),
            e.manifest(repo, digest(2), digest(1)),
            e.manifest(repo, digest(3)),
            e.tag(repo, "v1", digest(3)),
            e.delete(repo, digest(2)),
            e.manifest("team/x", digest(4)));
    InMemoryState expected = new InMemoryState();
    for (RegistryEvent event : history) {
      input.pipeInput(
          event.getRepository() != null ? event.getRepository() : event.getProject(), event);
      expected.apply(event);
    }
    for (Store store : Store.values()) {
      KeyValueStore<String, String> actual = driver.getKeyValueStore(store.storeName());
      Map<String, String> contents = new java.util.TreeMap<>();
      try (var it = actual.all()) {
        it.forEachRemaining((KeyValue<String, String> kv) -> contents.put(kv.key, kv.value));
      }
      assertEquals(expected.snapshot(store), contents, store.name());
    }
  }

  @Test
  void rowsRestoredFromBeforeAnIndexAreIndexedOnceWithoutWaitingForARecord() {
    // as a store restored from a changelog written before the index existed: tags, no index
    KeyValueStore<String, String> tags = driver.getKeyValueStore(Store.TAGS.storeName());
    tags.put(Store.key("library/app", "v1"), digest(1));
    tags.put(Store.key("library/app", "v2"), digest(1));
    tags.put(Store.key("team/x", "latest"), digest(2));
    KeyValueStore<String, String> index = driver.getKeyValueStore(Store.TAGS_OF.storeName());
    assertNull(index.get(DerivedIndex.BUILT));

    // and an index listing two children, with no parent rows
    InMemoryState indexed = new InMemoryState();
    indexed.apply(e.index("library/app", digest(10), digest(1), digest(3)));
    KeyValueStore<String, String> manifests = driver.getKeyValueStore(Store.MANIFESTS.storeName());
    indexed.snapshot(Store.MANIFESTS).forEach(manifests::put);

    driver.advanceWallClockTime(java.time.Duration.ofMillis(5));

    KeyValueStore<String, String> parents = driver.getKeyValueStore(Store.PARENTS.storeName());
    assertNotNull(parents.get(DerivedIndex.BUILT));
    assertNotNull(parents.get(Store.key("library/app", digest(1), digest(10))));
    assertNotNull(parents.get(Store.key("library/app", digest(3), digest(10))));
    Map<String, String> contents = new java.util.TreeMap<>();
    try (var it = index.all()) {
      it.forEachRemaining((KeyValue<String, String> kv) -> contents.put(kv.key, kv.value));
    }
    assertEquals(
        Map.of(
            DerivedIndex.BUILT,
            "",
            Store.key("library/app", digest(1), "v1"),
            "",
            Store.key("library/app", digest(1), "v2"),
            "",
            Store.key("team/x", digest(2), "latest"),
            ""),
        contents);
    // built once: a tag deleted afterwards is not brought back by a second build
    input.pipeInput("library/app", e.untag("library/app", "v2", digest(1)));
    driver.advanceWallClockTime(java.time.Duration.ofMillis(5));
    assertNull(index.get(Store.key("library/app", digest(1), "v2")));
  }

  @Test
  void reportsEachAppliedOffset() {
    input.pipeInput("library/app", e.manifest("library/app", digest(1)));
    input.pipeInput("library/app", e.tag("library/app", "v1", digest(1)));
    assertEquals(1, applied.highest(0));
    assertTrue(applied.whenApplied(0, 1).isDone());
    assertTrue(!applied.whenApplied(0, 2).isDone());
  }

  @Test
  void handsItsRunningTaskStoresToTheReadSideAndTakesThemBackOnClose() {
    String repo = "library/app";
    input.pipeInput(repo, e.manifest(repo, digest(1)));
    input.pipeInput(repo, e.tag(repo, "v1", digest(1)));
    for (Store store : Store.values()) {
      assertNotNull(open.of(store, 0), store.name());
      assertNull(open.of(store, 1), "no task runs partition 1");
    }
    assertEquals(digest(1), open.of(Store.TAGS, 0).get(Store.key(repo, "v1")));
    assertNotNull(open.of(Store.MANIFESTS, 0).get(Store.key(repo, digest(1))));

    driver.close();
    driver = null;
    for (Store store : Store.values()) {
      assertNull(open.of(store, 0), store.name() + " still handed out after its task closed");
    }
  }
}

package io.cairn.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cairn.schemaregistry.InMemorySchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryEventSerdeTest {
  private static final String TOPIC = "cairn.events";

  private final SchemaRegistry registry = new InMemorySchemaRegistry();
  private final RegistryEventSerde serde = new RegistryEventSerde(registry);

  @Test
  void roundTripsInConfluentWireFormat() {
    byte[] bytes = serde.serializer().serialize(TOPIC, TestEvents.tagSet());
    int id = registry.latest(TOPIC + "-value").orElseThrow().id();
    assertEquals(0, bytes[0]);
    assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt());
    assertEquals(TestEvents.tagSet(), serde.deserializer().deserialize(TOPIC, bytes));
  }

  @Test
  void registersOncePerTopicUnderTopicNameStrategy() {
    serde.serialize(TOPIC, TestEvents.tagSet());
    serde.serialize(TOPIC, TestEvents.tagSet());
    serde.serialize("other", TestEvents.tagSet());
    assertEquals(List.of("cairn.events-value", "other-value"), registry.subjects());
    assertEquals(List.of(1), registry.versions(TOPIC + "-value"));
    assertEquals(
        RegistryEvent.getClassSchema(),
        new Schema.Parser().parse(registry.schemaById(1).orElseThrow()));
  }

  @Test
  void nullsStayNull() {
    assertNull(serde.serialize(TOPIC, null));
    assertNull(serde.deserialize(TOPIC, null));
  }

  @Test
  void rejectsAWrongMagicByte() {
    byte[] bytes = serde.serialize(TOPIC, TestEvents.tagSet());
    bytes[0] = 1;
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize(TOPIC, bytes));
    assertTrue(e.getMessage().contains("magic byte 1"), e.getMessage());
  }

  @Test
  void rejectsATruncatedHeader() {
    SerializationException e =
        assertThrows(
            SerializationException.class, () -> serde.deserialize(TOPIC, new byte[] {0, 0}));
    assertTrue(e.getMessage().contains("only 2 bytes"), e.getMessage());
  }

  @Test
  void rejectsAnUnknownSchemaId() {
    byte[] bytes = serde.serialize(TOPIC, TestEvents.tagSet());
    ByteBuffer.wrap(bytes, 1, 4).putInt(99);
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserialize(TOPIC, bytes));
    assertTrue(e.getMessage().contains("Unknown schema id 99"), e.getMessage());
  }

  @Test
  void rejectsATruncatedBody() {
    byte[] bytes = serde.serialize(TOPIC, TestEvents.tagSet());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);
    assertThrows(SerializationException.class, () -> serde.deserialize(TOPIC, truncated));
  }

  @Test
  void decodesEventsWrittenWithAnOlderSchema() throws Exception {
    Schema older = TestEvents.editedSchema(fields -> fields.remove(indexOf(fields, "requestId")));
    int olderId = registry.register(TOPIC + "-value", older.toString());
    byte[] bytes = TestEvents.wire(olderId, TestEvents.genericTagSet(older));

    RegistryEvent decoded = serde.deserialize(TOPIC, bytes);

    RegistryEvent expected =
        RegistryEvent.newBuilder(TestEvents.tagSet()).setRequestId(null).build();
    assertEquals(expected, decoded);
    // The current schema registers as a BACKWARD-compatible successor of the older one.
    serde.serialize(TOPIC, decoded);
    assertEquals(List.of(1, 2), registry.versions(TOPIC + "-value"));
  }

  @Test
  void decodesEventsWrittenWithANewerSchema() throws Exception {
    Schema newer =
        TestEvents.editedSchema(
            fields ->
                fields.addObject().put("name", "traceId").put("type", "string").put("default", ""));
    int newerId = registry.register("elsewhere-value", newer.toString());
    byte[] bytes = TestEvents.wire(newerId, TestEvents.genericTagSet(newer));
    assertEquals(TestEvents.tagSet(), serde.deserialize(TOPIC, bytes));
  }

  private static int indexOf(ArrayNode fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).path("name").asText().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }
}

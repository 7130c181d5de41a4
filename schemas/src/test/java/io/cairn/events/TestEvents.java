package io.cairn.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Events, and other versions of the RegistryEvent schema written generically as others would. */
final class TestEvents {
  static final Instant AT = Instant.ofEpochMilli(1_760_000_000_123L);

  private TestEvents() {}

  static RegistryEvent tagSet() {
    return RegistryEvent.newBuilder()
        .setEventId("e-1")
        .setOccurredAt(AT)
        .setActor(Actor.newBuilder().setKind(ActorKind.USER).setName("alice").build())
        .setOrigin("site-a")
        .setRequestId("r-1")
        .setProject("library")
        .setRepository("library/nginx")
        .setPayload(TagSet.newBuilder().setTag("1.27").setDigest("sha256:aa").build())
        .build();
  }

  /** The current RegistryEvent schema with its fields edited, as another writer's schema. */
  static Schema editedSchema(Consumer<ArrayNode> editFields) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode schema = (ObjectNode) json.readTree(RegistryEvent.getClassSchema().toString());
    editFields.accept((ArrayNode) schema.get("fields"));
    return new Schema.Parser().parse(schema.toString());
  }

  /** The tagSet() event as a generic record of another schema version; extra fields get "x". */
  static GenericRecord genericTagSet(Schema schema) {
    GenericRecord event = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      event.put(field.name(), "x");
    }
    event.put("eventId", "e-1");
    event.put("occurredAt", AT.toEpochMilli());
    Schema actorSchema = schema.getField("actor").schema();
    GenericRecord actor = new GenericData.Record(actorSchema);
    actor.put("kind", new GenericData.EnumSymbol(actorSchema.getField("kind").schema(), "USER"));
    actor.put("name", "alice");
    event.put("actor", actor);
    event.put("origin", "site-a");
    if (schema.getField("requestId") != null) {
      event.put("requestId", "r-1");
    }
    event.put("project", "library");
    event.put("repository", "library/nginx");
    GenericRecord tag = new GenericData.Record(payloadBranch(schema, "TagSet"));
    tag.put("tag", "1.27");
    tag.put("digest", "sha256:aa");
    tag.put("previousDigest", null);
    event.put("payload", tag);
    return event;
  }

  private static Schema payloadBranch(Schema event, String name) {
    return event.getField("payload").schema().getTypes().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Confluent wire format by hand, as a foreign producer would write it. */
  static byte[] wire(int id, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}

package io.cairn.events;

import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An Avro record type in the Confluent wire format: byte 0 (magic), the writer schema's global id
 * as a 4-byte big-endian int, then Avro binary. The serializer registers the current schema under
 * {@code <topic>-value} (Confluent's TopicNameStrategy) once per topic; the deserializer resolves
 * the writer schema by id and reads it into the current classes, so events written with an older or
 * newer compatible schema decode. Thread-safe.
 */
public class WireFormatSerde<T extends SpecificRecord>
    implements Serializer<T>, Deserializer<T>, Serde<T> {
  static final byte MAGIC = 0;
  private static final int HEADER_SIZE = 5;

  private final SchemaRegistry registry;
  private final Class<T> type;
  private final Schema schema;
  private final SpecificDatumWriter<T> writer;

  /** Topic → id of the current schema under {@code <topic>-value}. */
  private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

  /** Writer schema id → a reader from that schema to the current classes. */
  private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();

  /** {@code schema} is the class's own ({@code T.getClassSchema()}). */
  public WireFormatSerde(SchemaRegistry registry, Class<T> type, Schema schema) {
    this.registry = registry;
    this.type = type;
    this.schema = schema;
    // From the class, not the schema: the class's model carries the logical-type conversions
    // (timestamp-millis ↔ Instant) that a schema-only writer lacks.
    this.writer = new SpecificDatumWriter<>(type);
  }

  @Override
  public byte[] serialize(String topic, T event) {
    if (event == null) {
      return null;
    }
    int id = idsByTopic.computeIfAbsent(topic, this::registerFor);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      writer.write(event, encoder);
      encoder.flush();
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + type.getSimpleName() + " for " + topic, e);
    }
    return out.toByteArray();
  }

  private int registerFor(String topic) {
    try {
      return registry.register(topic + "-value", schema.toString());
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot register the "
              + type.getSimpleName()
              + " schema under "
              + topic
              + "-value: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER_SIZE || data[0] != MAGIC) {
      throw new SerializationException(
          "Not a Confluent wire-format record on "
              + topic
              + ": "
              + (data.length < HEADER_SIZE
                  ? "only " + data.length + " bytes"
                  : "magic byte " + data[0] + ", expected " + MAGIC));
    }
    int id = ByteBuffer.wrap(data, 1, 4).getInt();
    try {
      return readersById
          .computeIfAbsent(id, this::readerFor)
          .read(
              null,
              DecoderFactory.get()
                  .binaryDecoder(data, HEADER_SIZE, data.length - HEADER_SIZE, null));
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "Cannot decode " + type.getSimpleName() + " with schema id " + id + " on " + topic, e);
    }
  }

  private SpecificDatumReader<T> readerFor(int id) {
    String writerText;
    try {
      writerText =
          registry
              .schemaById(id)
              .orElseThrow(
                  () ->
                      new SerializationException(
                          "Unknown schema id " + id + " in the schema registry"));
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Cannot fetch schema id " + id + ": " + e.getMessage(), e);
    }
    Schema writerSchema = new Schema.Parser().parse(writerText);
    return new SpecificDatumReader<>(
        writerSchema, this.schema, org.apache.avro.specific.SpecificData.getForClass(type));
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Built with its registry; nothing to take from Kafka's config map.
  }

  @Override
  public void close() {
    // The registry belongs to whoever built this serde.
  }
}

package io.cairn.ops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.oci.Digest;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.WireRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team subscribing to the audit stream, with nothing of Cairn's but its address and the read-only
 * audit credential: a plain {@code KafkaConsumer<byte[],byte[]>} in a group of its own ({@code
 * audit-*}), the Confluent wire format read by hand, the writer schema fetched by id from {@code
 * /schema-registry}, and Avro's {@link GenericDatumReader}.
 */
@ExtendWith(SharedKafka.class)
class OutsideConsumerTest {

  @Test
  void decodesTheAuditStreamWithoutCairnClasses(@TempDir Path data) throws Exception {
    try (TestCairn cairn = TestCairn.start(data)) {
      RegistryClient registry = new RegistryClient(cairn.url());
      byte[] config = "{\"outside\":true}".getBytes(StandardCharsets.UTF_8);
      Digest configDigest = registry.pushBlob("library/audited", config);
      byte[] manifest = RegistryClient.imageManifest(configDigest, config.length, null, 0);
      RegistryClient.expect(
          201,
          registry.putManifest(
              "library/audited", "v1", "application/vnd.oci.image.manifest.v1+json", manifest));

      WireRecords wire = new WireRecords(cairn.url());
      List<GenericRecord> events = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record :
          readAll(cairn.audit(), cairn.config().topics().events())) {
        events.add(wire.decode(record.value()).record());
      }

      GenericRecord put = payloadOf(events, "ManifestPut");
      assertEquals(Digest.sha256(manifest).toString(), put.get("digest").toString());
      GenericRecord tag = payloadOf(events, "TagSet");
      assertEquals("v1", tag.get("tag").toString());
      GenericRecord linked = payloadOf(events, "BlobLinked");
      assertEquals(configDigest.toString(), linked.get("digest").toString());
      GenericRecord envelope =
          events.stream()
              .filter(
                  e -> ((GenericRecord) e.get("payload")).getSchema().getName().equals("TagSet"))
              .findFirst()
              .orElseThrow();
      assertEquals("library/audited", envelope.get("repository").toString());
      assertEquals("library", envelope.get("project").toString());
      assertTrue(envelope.get("occurredAt") instanceof Long, "timestamp-millis as a long");
      assertEquals(1, wire.schemasFetched(), "one writer schema so far");
    }
  }

  private static GenericRecord payloadOf(List<GenericRecord> events, String type) {
    return events.stream()
        .map(e -> (GenericRecord) e.get("payload"))
        .filter(p -> p.getSchema().getName().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(
      KafkaClientConfig audit, String topic) {
    Properties props = new Properties();
    props.putAll(audit.toMap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, CairnAcls.AUDIT_GROUP_PREFIX + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (out.size() < 4 && System.nanoTime() < deadline) { // library, blob, manifest, tag
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}

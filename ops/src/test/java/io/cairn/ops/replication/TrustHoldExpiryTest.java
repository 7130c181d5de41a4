package io.cairn.ops.replication;

import static io.cairn.ops.testing.RegistryClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.events.RegistryEvent;
import io.cairn.events.RegistryEventSerde;
import io.cairn.events.TagSet;
import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.testing.Accounts;
import io.cairn.ops.testing.Closing;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import io.cairn.ops.testing.TestClients;
import io.cairn.schemaregistry.HttpSchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subject that its source project's content trust never lets by: the connector holds it for the
 * signature, and once its hold deadline ({@code trust.hold.ms}, a few seconds here) has passed it
 * reports it as not replicated, on the dead-letter topic with the reason, and its offsets move on.
 * The worker runs as Cairn's own principal, as {@code cairn serve} runs its policies: it may write
 * the dead-letter topic under Cairn's application id, which a real consumer then reads.
 */
@ExtendWith(SharedKafka.class)
class TrustHoldExpiryTest {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String REPO = "signed/app";
  static final String CONNECTOR = "replicate-with-a-short-hold";
  static final Duration HOLD = Duration.ofSeconds(3);
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static TestCairn source;
  static TestCairn target;
  static RegistryClient client;
  static TargetManifests targetManifests;
  static EmbeddedConnect connect;
  static String group;
  static String deadLetters;
  static final FixtureLayout cosign = FixtureLayout.cosign();

  @BeforeAll
  static void start() throws Exception {
    source = TestCairn.start(dir.resolve("source"));
    target = TestCairn.start(dir.resolve("target"));
    client = new RegistryClient(source.url());
    targetManifests = new TargetManifests(target.url());
    new Accounts(client)
        .project("signed", Map.of("public", "true", "enable_content_trust_cosign", "true"));
    new Accounts(new RegistryClient(target.url())).project("signed", true);

    String application = source.config().applicationId();
    group = CairnAcls.replicationGroupPrefix(application) + "hold-expiry";
    deadLetters = CairnAcls.replicationDeadLetters(application);
    connect = EmbeddedConnect.start(source.clients(), dir.resolve("connect.offsets"));
    Map<String, String> config = ConnectorSettings.toCairn(source, group, target);
    config.put("trust.hold.ms", Long.toString(HOLD.toMillis()));
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", deadLetters);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    connect.put(CONNECTOR, config);
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.all(connect, target, source);
  }

  @Test
  void aSubjectNeverSignedIsReportedWhenItsHoldExpiresAndTheOffsetsMoveOn() throws Exception {
    expect(201, cosign.push(client, "app:v1", REPO, "v1")); // never signed
    String other = cosign.pushSigned(client, "other", REPO, "other");
    // Later in the same repository's partition: once it is at the target, v1 is held.
    targetManifests.awaitDigest(REPO, "other", other, ARRIVAL, TrustHoldExpiryTest::why);
    assertEquals(404, targetManifests.status(REPO, "v1"), "held: never there unsigned");
    assertEquals(List.of(), deadLetters(), "held, not reported, until its deadline");

    Thread.sleep(HOLD.plusSeconds(1).toMillis()); // the hold's deadline passes
    // the next batch finds it expired, and the signed image it carries still replicates
    expect(201, cosign.push(client, "other:v1", REPO, "later"));
    targetManifests.awaitDigest(REPO, "later", other, ARRIVAL, TrustHoldExpiryTest::why);

    ConsumerRecord<String, byte[]> dead = awaitDeadLetter();
    String reason = header(dead, "__connect.errors.exception.message");
    assertTrue(
        reason.contains(
            APP
                + "] was not replicated: no signature that its project's content trust accepts"
                + " arrived within 3 s"),
        reason);
    assertTrue(reason.contains("not signed by cosign"), reason);
    RegistryEvent held =
        new RegistryEventSerde(new HttpSchemaRegistryClient(source.url() + "/schema-registry"))
            .deserializer()
            .deserialize(source.config().topics().events(), dead.value());
    assertEquals(REPO, held.getRepository());
    TagSet tag = (TagSet) held.getPayload();
    assertEquals(List.of("v1", APP), List.of(tag.getTag(), tag.getDigest()), "the record held");

    TopicPartition partition =
        new TopicPartition(
            header(dead, "__connect.errors.topic"),
            Integer.parseInt(header(dead, "__connect.errors.partition")));
    awaitCommittedPast(partition, Long.parseLong(header(dead, "__connect.errors.offset")));
    assertEquals(404, targetManifests.status(REPO, "v1"), "not replicated unsigned");
    assertEquals(1, deadLetters().size(), "reported once");
  }

  /** Waits for the first record on the dead-letter topic, read as a plain consumer. */
  private static ConsumerRecord<String, byte[]> awaitDeadLetter() throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    while (System.nanoTime() < deadline) {
      List<ConsumerRecord<String, byte[]>> records = deadLetters();
      if (!records.isEmpty()) {
        return records.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("nothing arrived on " + deadLetters + why());
  }

  /** Every record of the dead-letter topic; none while it does not exist. */
  private static List<ConsumerRecord<String, byte[]>> deadLetters() throws Exception {
    try (Admin admin = TestClients.admin(source.clients())) {
      if (!admin.listTopics().names().get().contains(deadLetters)) {
        return List.of();
      }
    }
    return TestClients.readCommitted(source.clients(), deadLetters, new ByteArrayDeserializer());
  }

  /** Waits until the connector's group has committed {@code partition} past {@code offset}. */
  private static void awaitCommittedPast(TopicPartition partition, long offset) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    OffsetAndMetadata committed = null;
    try (Admin admin = TestClients.admin(source.clients())) {
      while (System.nanoTime() < deadline) {
        committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition);
        if (committed != null && committed.offset() > offset) {
          return;
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError(
        group + " committed " + committed + " for " + partition + ", not past " + offset + why());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    if (header == null) {
      throw new AssertionError("no header " + name + " on the dead letter");
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String why() {
    ConnectorStateInfo status = connect.status(CONNECTOR);
    StringBuilder out = new StringBuilder("; connector " + status.connector().state());
    status
        .tasks()
        .forEach(t -> out.append(", task ").append(t.state()).append(' ').append(t.trace()));
    return out.toString();
  }
}

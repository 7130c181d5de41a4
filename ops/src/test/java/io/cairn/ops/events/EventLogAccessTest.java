package io.cairn.ops.events;

import static io.cairn.ops.testing.OutsideClients.anonymous;
import static io.cairn.ops.testing.OutsideClients.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.testing.BrokerFiles;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.OutsideClients;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.WireRecords;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 8 on the event log, against Cairn as a user runs it: its own embedded broker
 * on a data directory, reached with plain Kafka clients from the same machine. Without credentials
 * nothing can be read or written; the read-only audit credential reads and decodes the events and
 * can do nothing else; a forged {@code UserCreated{sysadmin: true}} cannot be written by either, so
 * its user never exists; the controller port admits only the broker itself.
 */
class EventLogAccessTest {
  private static final Login ADMIN = new Login("admin", "Access-Test-Passw0rd");

  @TempDir static Path data;
  static Cairn cairn;
  static Path kafkaDir;
  static Map<String, Object> audit;

  @BeforeAll
  static void start() throws Exception {
    cairn =
        Cairn.start(
            CairnConfig.defaults(data)
                .withListen("127.0.0.1", 0)
                .withKafkaListen("127.0.0.1", 0)
                .withAdminPassword(ADMIN.secret()));
    kafkaDir = data.resolve("kafka");
    audit = OutsideClients.load(kafkaDir.resolve(EmbeddedKafka.AUDIT_CLIENT_FILE));
  }

  @AfterAll
  static void stop() {
    if (cairn != null) {
      cairn.close();
    }
  }

  @Test
  void theCredentialsAreReadableByTheirOwnerOnly() throws Exception {
    BrokerFiles.assertOwnerOnly(kafkaDir);
    assertEquals(cairn.bootstrapServers(), audit.get("bootstrap.servers"));
    assertEquals("SASL_PLAINTEXT", audit.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", audit.get("sasl.mechanism"));
  }

  @Test
  void withoutCredentialsNothingIsWrittenOrRead() {
    Map<String, Object> nobody = anonymous(cairn.bootstrapServers());
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> OutsideClients.produce(nobody, "cairn.events", "forged".getBytes()),
            "an anonymous produce to cairn.events");
    // The broker drops a client that does not authenticate: it never learns of the topic.
    assertInstanceOf(TimeoutException.class, e.getCause(), e.toString());
    Map<String, Integer> topics = Map.of("cairn.events", 6, "_schemas", 1, "cairn.access", 3);
    topics.forEach(
        (topic, partitions) ->
            assertEquals(
                List.of(),
                OutsideClients.poll(nobody, topic, partitions),
                topic + " read anonymously"));
  }

  @Test
  void aWrongPasswordIsRefused() {
    Map<String, Object> guessed =
        with(
            audit,
            Map.of(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"audit\" password=\"guess\";"));
    Exception e =
        assertThrows(Exception.class, () -> OutsideClients.poll(guessed, "cairn.events", 6));
    assertInstanceOf(SaslAuthenticationException.class, e, e.toString());
  }

  @Test
  void theAuditCredentialReadsAndDecodesTheEvents() throws Exception {
    List<ConsumerRecord<byte[], byte[]>> read = readEventsAsAuditor();
    WireRecords wire = new WireRecords(cairn.url());
    List<String> payloads =
        read.stream()
            .map(r -> ((GenericRecord) wire.decode(r.value()).record().get("payload")))
            .map(p -> p.getSchema().getName())
            .toList();
    assertTrue(payloads.contains("UserCreated"), payloads::toString);
    assertTrue(payloads.contains("ProjectCreated"), payloads::toString);
  }

  @Test
  void theAuditFileWorksAsItIsForAConsumerGroup() {
    // As kafka-console-consumer --consumer.config uses it: subscribe in the file's own group.
    Map<String, Object> asIs =
        with(audit, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(asIs, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("cairn.events"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int read = 0;
      while (read == 0 && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertTrue(read > 0, "nothing read in group " + audit.get(ConsumerConfig.GROUP_ID_CONFIG));
    }
  }

  @Test
  void theAuditCredentialWritesNothing() {
    for (String topic : List.of("cairn.events", "cairn.access", "_schemas")) {
      refusedWith(
          AuthorizationException.class,
          () -> OutsideClients.produce(audit, topic, "forged".getBytes()));
    }
  }

  @Test
  void theAuditCredentialCreatesNoTopicJoinsNoCairnGroupAndChangesNoSecurity() {
    try (Admin admin = OutsideClients.admin(audit)) {
      refusedWith(
          TopicAuthorizationException.class,
          () -> admin.createTopics(List.of(new NewTopic("audit-made", 1, (short) 1))).all().get());
      refusedWith(ClusterAuthorizationException.class, () -> grantEverything(admin, "audit"));
      refusedWith(ClusterAuthorizationException.class, () -> addScramUser(admin, "mallory"));
    }
    Map<String, Object> joining =
        with(audit, Map.of(ConsumerConfig.GROUP_ID_CONFIG, cairn.config().applicationId()));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(joining, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("cairn.events"));
      assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(5)));
    }
  }

  @Test
  void cairnsOwnPrincipalIsNoSuperUser() throws Exception {
    Map<String, Object> own =
        OutsideClients.load(kafkaDir.resolve(EmbeddedKafka.CAIRN_CLIENT_FILE));
    try (Admin admin = OutsideClients.admin(own)) {
      refusedWith(ClusterAuthorizationException.class, () -> grantEverything(admin, "cairn"));
      refusedWith(ClusterAuthorizationException.class, () -> addScramUser(admin, "mallory"));
    }
  }

  @Test
  void aForgedSysadminCannotBeWritten() throws Exception {
    ConsumerRecord<byte[], byte[]> forged = forgedSysadmin("mallory");
    ExecutionException anonymous =
        assertThrows(
            ExecutionException.class,
            () ->
                OutsideClients.produce(
                    anonymous(cairn.bootstrapServers()),
                    "cairn.events",
                    forged.key(),
                    forged.value()));
    assertInstanceOf(TimeoutException.class, anonymous.getCause(), anonymous.toString());
    refusedWith(
        AuthorizationException.class,
        () -> OutsideClients.produce(audit, "cairn.events", forged.key(), forged.value()));

    Thread.sleep(1000); // what a written event would need to reach the projection, and more
    HttpResponse<String> current =
        new RegistryClient(cairn.url(), new Login("mallory", ADMIN.secret()))
            .get("/api/v2.0/users/current");
    assertNotEquals(200, current.statusCode(), current.body());
    assertEquals(401, current.statusCode(), current.body());
  }

  @Test
  void theControllerPortAdmitsOnlyTheBroker() throws Exception {
    String voters =
        OutsideClients.load(kafkaDir.resolve("server.properties"))
            .get("controller.quorum.voters")
            .toString();
    String controller = voters.substring(voters.indexOf('@') + 1);
    Map<String, Object> viaController = Map.of("bootstrap.controllers", controller);
    Map<String, Object> wrongBrokerSecret =
        Map.of(
            "security.protocol",
            "SASL_PLAINTEXT",
            "sasl.mechanism",
            "PLAIN",
            "sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"broker\" password=\"guess\";");
    Map<String, Object> cairnsOwn =
        OutsideClients.load(kafkaDir.resolve(EmbeddedKafka.CAIRN_CLIENT_FILE));
    cairnsOwn.remove("bootstrap.servers");
    for (Map<String, Object> who :
        List.of(Map.<String, Object>of(), wrongBrokerSecret, cairnsOwn)) {
      try (Admin admin = OutsideClients.admin(with(viaController, who))) {
        assertThrows(
            ExecutionException.class, () -> grantEverything(admin, "mallory"), who::toString);
        assertThrows(ExecutionException.class, () -> addScramUser(admin, "mallory"), who::toString);
      }
    }
  }

  /**
   * The admin's own UserCreated, renamed and made a system admin, in the wire format, under the
   * original key (so it lands where the projection looks): what a writer could do with it was
   * checked by letting the audit principal write (super user) — the user then signs in as a system
   * admin with the admin's password.
   */
  private static ConsumerRecord<byte[], byte[]> forgedSysadmin(String name) throws Exception {
    WireRecords wire = new WireRecords(cairn.url());
    for (ConsumerRecord<byte[], byte[]> r : readEventsAsAuditor()) {
      WireRecords.Decoded event = wire.decode(r.value());
      GenericRecord payload = (GenericRecord) event.record().get("payload");
      if (payload.getSchema().getName().equals("UserCreated")
          && payload.get("username").toString().equals("admin")) {
        GenericRecord envelope = new GenericData.Record((GenericData.Record) event.record(), true);
        GenericRecord user = (GenericRecord) envelope.get("payload");
        envelope.put("eventId", UUID.randomUUID().toString());
        user.put("username", name);
        user.put("userId", (Integer) user.get("userId") + 1000);
        user.put("sysadmin", true);
        byte[] value = WireRecords.encode(event.schemaId(), event.schema(), envelope);
        return new ConsumerRecord<>(r.topic(), r.partition(), -1, r.key(), value);
      }
    }
    throw new AssertionError("no UserCreated for admin on cairn.events");
  }

  private static List<ConsumerRecord<byte[], byte[]>> readEventsAsAuditor() {
    return OutsideClients.readToEnd(audit, "cairn.events");
  }

  private static void grantEverything(Admin admin, String user) throws Exception {
    admin
        .createAcls(
            List.of(
                new AclBinding(
                    new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                    new AccessControlEntry(
                        CairnAcls.user(user).toString(),
                        "*",
                        AclOperation.ALL,
                        AclPermissionType.ALLOW))))
        .all()
        .get();
  }

  private static void addScramUser(Admin admin, String user) throws Exception {
    admin
        .alterUserScramCredentials(
            List.of(
                new UserScramCredentialUpsertion(
                    user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                    "Mallory-Passw0rd")))
        .all()
        .get();
  }

  /** The attempt fails, and somewhere in why is a {@code type} (a producer may wrap it). */
  private static void refusedWith(Class<? extends Throwable> type, Attempt attempt) {
    Exception e = assertThrows(Exception.class, attempt::run);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return;
      }
    }
    throw new AssertionError("refused, but not with " + type.getSimpleName() + ": " + e, e);
  }

  /** Something that may throw. */
  @FunctionalInterface
  private interface Attempt {
    void run() throws Exception;
  }
}

package io.cairn.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestPrincipals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cairn on a secured cluster it does not run (the shared test broker, with SASL/SCRAM and ACLs), as
 * an operator would point it there with {@code --bootstrap-servers} and {@code
 * --kafka-client-config}: a wrong password, no security settings at all, or one grant of the
 * README's table missing each fail start-up within seconds, saying what is wrong. (That the right
 * settings and exactly the table's grants work, every end-to-end test shows: each runs this way.)
 */
@ExtendWith(SharedKafka.class)
class ExternalClusterTest {
  /** What "fails fast" means here: far below the 2 minutes a hanging start took to give up. */
  private static final Duration FAST = Duration.ofSeconds(20);

  @TempDir Path data;
  private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
  private final TopicNames topics = TopicNames.suffixed(suffix);
  private final String appId = "cairn-test" + suffix;

  @Test
  void withoutSecuritySettingsItFailsSayingWhatToGive() {
    String message = refusedFast(config());
    assertTrue(message.contains("did not answer within 10 s"), message);
    assertTrue(message.contains("--kafka-client-config"), message);
  }

  @Test
  void aWrongPasswordFailsAtOnce() throws Exception {
    TestPrincipals.Issued issued = SharedKafka.issue(topics, appId, data);
    String right = Files.readString(issued.cairnFile());
    Path wrong = data.resolve("wrong.properties");
    Files.writeString(wrong, right.replaceAll("password=\"[^\"]*\"", "password=\"guess\""));
    String message = refusedFast(config().withKafkaClientConfig(wrong));
    assertTrue(message.contains("refused Cairn's credentials"), message);
    assertTrue(message.contains("SCRAM-SHA-512"), message);
  }

  @Test
  void aMissingWriteOnTheEventsIsNamed() throws Exception {
    assertMissing(
        without(ResourceType.TOPIC, topics.events(), AclOperation.WRITE),
        "lacks WRITE on topic " + topics.events());
  }

  @Test
  void aMissingCreateIsNamed() throws Exception {
    assertMissing(
        without(ResourceType.TOPIC, topics.access(), AclOperation.CREATE),
        "lacks CREATE on topic " + topics.access());
  }

  @Test
  void aMissingTransactionalIdGrantIsNamed() throws Exception {
    assertMissing(
        without(ResourceType.TRANSACTIONAL_ID, appId + "-", AclOperation.WRITE),
        "lacks WRITE on transactional ids prefixed " + appId + "-");
  }

  @Test
  void aMissingGroupGrantIsNamed() throws Exception {
    assertMissing(
        without(ResourceType.GROUP, CairnAcls.policyGroup(appId), AclOperation.READ),
        "lacks READ on group " + CairnAcls.policyGroup(appId));
  }

  @Test
  void aMissingGrantOnTheStreamsTopicsStopsTheProjectionWithKafkasReason() throws Exception {
    assertMissing(
        without(ResourceType.TOPIC, appId + "-", AclOperation.CREATE),
        "the projection (Kafka Streams application "
            + appId
            + ") stopped: "
            + "TopicAuthorizationException");
  }

  private void assertMissing(UnaryOperator<List<CairnAcls.Grant>> change, String expected)
      throws Exception {
    TestPrincipals.Issued issued = SharedKafka.issue(topics, appId, data, change);
    String message = refusedFast(config().withKafkaClientConfig(issued.cairnFile()));
    assertTrue(message.contains(expected), message);
  }

  /**
   * Cairn's grants without {@code op} on the named resource (and without it if nothing is left).
   */
  private static UnaryOperator<List<CairnAcls.Grant>> without(
      ResourceType type, String name, AclOperation op) {
    return grants -> {
      List<CairnAcls.Grant> out = new ArrayList<>();
      for (CairnAcls.Grant g : grants) {
        if (g.resource().resourceType() != type || !g.resource().name().equals(name)) {
          out.add(g);
          continue;
        }
        List<AclOperation> ops = new ArrayList<>(g.operations());
        assertTrue(ops.remove(op), "the table grants " + op + " on " + name);
        if (!ops.isEmpty()) {
          out.add(new CairnAcls.Grant(g.resource(), ops));
        }
      }
      return out;
    };
  }

  private CairnConfig config() {
    return CairnConfig.defaults(data)
        .withListen("127.0.0.1", 0)
        .withBootstrapServers(SharedKafka.bootstrapServers())
        .withTopics(topics, appId)
        .withAdminPassword(Login.ADMIN.secret());
  }

  /** Start-up fails with an IllegalStateException within {@link #FAST}; returns its message. */
  private static String refusedFast(CairnConfig config) {
    long began = System.nanoTime();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Cairn.start(config).close());
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    System.out.printf("refused in %d ms: %s%n", took.toMillis(), e.getMessage());
    assertTrue(took.compareTo(FAST) < 0, "took " + took + ": " + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }
}

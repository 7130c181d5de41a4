package io.cairn.ops.testing;

import io.cairn.api.sealing.PrivateFiles;
import io.cairn.ops.kafka.AclSync;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.ops.kafka.ScramUsers;
import io.cairn.ops.kafka.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.acl.AclBinding;

/**
 * A Cairn instance on a test broker runs as an operator would run it on a real cluster: as a SCRAM
 * principal of its own, with exactly the ACLs {@link CairnAcls} lists (the README's table), and
 * with a Kafka client properties file given like {@code --kafka-client-config}. So every end-to-end
 * test proves the documented list is enough. Each instance also gets a read-only auditor.
 */
public final class TestPrincipals {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();

  private TestPrincipals() {}

  /** What was issued: Cairn's client file and settings, and the auditor's settings. */
  public record Issued(Path cairnFile, KafkaClientConfig cairn, KafkaClientConfig audit) {}

  /**
   * Creates (or sets again) the principals {@code cairn-<application id>} and {@code
   * audit-<application id>}, applies their ACLs and writes Cairn's client properties into {@code
   * dir}.
   */
  public static Issued issue(
      EmbeddedKafka broker, TopicNames topics, String applicationId, Path dir) throws IOException {
    return issue(broker, topics, applicationId, dir, UnaryOperator.identity());
  }

  /** As {@link #issue(EmbeddedKafka, TopicNames, String, Path)}, Cairn's grants changed first. */
  public static Issued issue(
      EmbeddedKafka broker,
      TopicNames topics,
      String applicationId,
      Path dir,
      UnaryOperator<List<CairnAcls.Grant>> change)
      throws IOException {
    String cairnUser = "cairn-" + applicationId;
    String auditUser = "audit-" + applicationId;
    // The same passwords when an instance restarts: a changed one is not at once in force.
    String cairnPassword = PASSWORDS.computeIfAbsent(cairnUser, u -> UUID.randomUUID().toString());
    String auditPassword = PASSWORDS.computeIfAbsent(auditUser, u -> UUID.randomUUID().toString());
    String servers = broker.bootstrapServers();
    ScramUsers.upsert(
        broker.superUser(),
        servers,
        List.of(
            new ScramUsers.User(cairnUser, cairnPassword),
            new ScramUsers.User(auditUser, auditPassword)),
        TIMEOUT);
    List<AclBinding> acls =
        new ArrayList<>(
            CairnAcls.bindings(
                CairnAcls.user(cairnUser), change.apply(CairnAcls.cairn(topics, applicationId))));
    acls.addAll(CairnAcls.bindings(CairnAcls.user(auditUser), CairnAcls.audit(topics)));
    AclSync.apply(broker.superUser(), acls, TIMEOUT);

    KafkaClientConfig cairn = KafkaClientConfig.scram(servers, cairnUser, cairnPassword);
    Files.createDirectories(dir);
    Path file = dir.resolve("kafka-client-" + applicationId + ".properties");
    PrivateFiles.write(
        file, cairn.toPropertiesText("Cairn " + applicationId + " on the test broker"));
    return new Issued(file, cairn, KafkaClientConfig.scram(servers, auditUser, auditPassword));
  }
}

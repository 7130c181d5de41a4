package io.cairn.ops;

import io.cairn.ops.kafka.AclSync;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.CairnTopics;
import io.cairn.ops.kafka.ClusterCheck;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.kafka.KafkaClientConfig;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a Cairn reaches its Kafka cluster: its own embedded broker (with the ACLs the README lists
 * for a real cluster), or a cluster it is pointed at. It connects as Cairn's principal and checks
 * what it may do before anything that would wait on the cluster starts: a wrong credential or a
 * missing ACL fails start-up in seconds.
 */
final class KafkaAccess {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaAccess.class);

  /** The client settings and an admin client, both as Cairn's principal. */
  record Connected(KafkaClientConfig clients, Admin admin) {}

  private KafkaAccess() {}

  /**
   * @param transactionalId one transactional id the event log will use, to check the grant on
   * @param own takes what must be closed with the Cairn (lock, broker, admin client)
   */
  static Connected connect(
      CairnConfig config, String transactionalId, Duration timeout, Consumer<AutoCloseable> own)
      throws Exception {
    KafkaClientConfig clients;
    if (config.bootstrapServers() == null) {
      DirectoryLock lock = DirectoryLock.acquire(config.kafkaDir());
      own.accept(lock);
      EmbeddedKafka kafka =
          EmbeddedKafka.start(config.kafkaDir(), config.kafkaHost(), config.kafkaPort());
      own.accept(kafka);
      // As the broker's super user: exactly the ACLs the README lists for a real cluster.
      AclSync.apply(
          kafka.superUser(), CairnAcls.embedded(config.topics(), config.applicationId()), timeout);
      clients = kafka.cairnClient();
    } else if (config.kafkaClientConfig() == null) {
      clients = KafkaClientConfig.plaintext(config.bootstrapServers());
    } else {
      clients =
          KafkaClientConfig.load(config.kafkaClientConfig(), config.bootstrapServers(), LOG::warn);
    }
    Admin admin = ClusterCheck.connect(clients, config.instanceId() + "-admin");
    own.accept(admin);
    new CairnTopics(admin, config.topics(), config.eventPartitions()).ensure(timeout);
    ClusterCheck.requirePermissions(
        admin, CairnAcls.cairn(config.topics(), config.applicationId()), transactionalId, timeout);
    return new Connected(clients, admin);
  }
}

package io.cairn.ops.kafka;

import io.cairn.events.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics Cairn owns (see docs/ARCHITECTURE.md, Topics). Safe to run at every start: a
 * topic that already exists is left as it is, its partitions and configuration untouched.
 *
 * <p>Kafka Streams creates its own changelog and repartition topics; they are not listed here.
 */
public final class CairnTopics {

  public static final int DEFAULT_EVENT_PARTITIONS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(CairnTopics.class);
  private static final int ACCESS_PARTITIONS = 3;
  private static final Duration ACCESS_RETENTION = Duration.ofDays(30);
  private static final int MAX_REPLICATION = 3;

  private final Admin admin;
  private final TopicNames names;
  private final int eventPartitions;

  public CairnTopics(Admin admin, TopicNames names, int eventPartitions) {
    if (eventPartitions < 1) {
      throw new IllegalArgumentException("eventPartitions must be >= 1: " + eventPartitions);
    }
    this.admin = admin;
    this.names = names;
    this.eventPartitions = eventPartitions;
  }

  public CairnTopics(Admin admin) {
    this(admin, TopicNames.defaults(), DEFAULT_EVENT_PARTITIONS);
  }

  /**
   * Creates whichever of the topics are missing, with a replication factor of min(3, brokers).
   *
   * @throws IllegalStateException if the cluster does not answer within {@code timeout} or refuses
   *     a creation for another reason than the topic existing
   */
  public void ensure(Duration timeout) {
    int replication =
        Math.min(
            MAX_REPLICATION,
            KafkaAnswer.await(admin.describeCluster().nodes(), timeout, "describing the cluster")
                .size());
    List<NewTopic> topics = topics((short) replication);
    Map<String, ? extends Future<Void>> results = admin.createTopics(topics).values();
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    results.forEach(
        (name, result) -> (createdNow(name, result, timeout) ? created : existing).add(name));
    LOG.info(
        "Topics created: {}, already there: {} (replication {})", created, existing, replication);
  }

  private List<NewTopic> topics(short replication) {
    // The event log is the source of truth: never expire it, never compact away history.
    NewTopic events =
        new NewTopic(names.events(), eventPartitions, replication)
            .configs(
                Map.of(
                    TopicConfig.RETENTION_MS_CONFIG,
                    "-1",
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    "1",
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Integer.toString(EventLog.MAX_RECORD_BYTES)));
    NewTopic access =
        new NewTopic(names.access(), ACCESS_PARTITIONS, replication)
            .configs(
                Map.of(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(ACCESS_RETENTION.toMillis()),
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_DELETE));
    // One partition, as Confluent's schema registry requires: ids are assigned in log order.
    NewTopic schemas =
        new NewTopic(names.schemas(), 1, replication)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    return List.of(events, access, schemas);
  }

  private static boolean createdNow(String name, Future<Void> result, Duration timeout) {
    try {
      KafkaAnswer.await(result, timeout, "creating topics");
      return true;
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      if (e.getCause() instanceof TopicAuthorizationException) {
        // Kafka says so whether or not the topic exists: the principal needs CREATE either way.
        throw new IllegalStateException(
            "Cairn's Kafka principal lacks CREATE on topic "
                + name
                + " (grant the ACLs in README.md, \"Security: the event log\")",
            e.getCause());
      }
      throw e;
    }
  }
}

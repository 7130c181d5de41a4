package io.cairn.ops.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Cairn's first words with a cluster, made to fail fast and say why: wrong credentials, a cluster
 * that drops clients without them, and permissions missing from what {@link CairnAcls} lists.
 * Without these checks such a Cairn would wait minutes for a projection that can never start, or
 * start and then refuse every push.
 */
public final class ClusterCheck {
  /** How long a cluster may take to answer the first request; then start-up fails. */
  public static final Duration FIRST_CONTACT = Duration.ofSeconds(10);

  private static final String SEE = " (grant the ACLs in README.md, \"Security: the event log\")";

  private ClusterCheck() {}

  /**
   * An admin client that the cluster has answered, as the principal of {@code clients}.
   *
   * @throws IllegalStateException one line saying what went wrong
   */
  public static Admin connect(KafkaClientConfig clients, String clientId) {
    Admin admin;
    try {
      admin = Admin.create(clients.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, clientId)));
    } catch (KafkaException e) {
      throw new IllegalStateException("Cannot make a Kafka client: " + rootMessage(e), e);
    }
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) FIRST_CONTACT.toMillis()))
          .clusterId()
          .get(FIRST_CONTACT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return admin;
    } catch (InterruptedException e) {
      admin.close(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted connecting to Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      admin.close(Duration.ZERO);
      throw new IllegalStateException(firstContactFailure(clients, e), e);
    }
  }

  private static String firstContactFailure(KafkaClientConfig clients, Exception e) {
    String where = "Kafka at " + clients.bootstrapServers();
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    if (cause instanceof AuthenticationException) {
      return where + " refused Cairn's credentials: " + cause.getMessage();
    }
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException
        || cause instanceof TimeoutException) {
      String protocol =
          String.valueOf(
              clients
                  .toMap()
                  .getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
      return where
          + " did not answer within "
          + FIRST_CONTACT.toSeconds()
          + " s (security.protocol "
          + protocol
          + "): is it running, and does its listener want other security settings"
          + " (--kafka-client-config)?";
    }
    return where + ": " + rootMessage(cause);
  }

  /**
   * What Cairn's principal lacks of {@link CairnAcls#cairn}, as far as the cluster tells a client
   * without special rights: the operations allowed on each topic and group, and whether a
   * transactional id may be used. (Kafka Streams' own topics do not exist before its first start; a
   * missing grant there stops the projection, which fails start-up with Kafka's message.)
   *
   * @return e.g. {@code ["WRITE on topic cairn.events"]}; empty when nothing is missing
   */
  public static List<String> missingPermissions(
      Admin admin, List<CairnAcls.Grant> needed, String transactionalId, Duration timeout) {
    List<String> missing = new ArrayList<>();
    for (CairnAcls.Grant grant : needed) {
      ResourcePattern resource = grant.resource();
      Set<AclOperation> allowed;
      if (resource.patternType() != PatternType.LITERAL) {
        if (resource.resourceType() == ResourceType.TRANSACTIONAL_ID
            && !mayUseTransactionalId(admin, transactionalId, timeout)) {
          missing.add(describe(grant.operations(), resource));
        }
        continue;
      }
      allowed = allowedOn(admin, resource, timeout);
      List<AclOperation> lacking =
          grant.operations().stream().filter(op -> !allowed.contains(op)).toList();
      if (!lacking.isEmpty()) {
        missing.add(describe(lacking, resource));
      }
    }
    return missing;
  }

  /** Throws when {@link #missingPermissions} finds anything. */
  public static void requirePermissions(
      Admin admin, List<CairnAcls.Grant> needed, String transactionalId, Duration timeout) {
    List<String> missing = missingPermissions(admin, needed, transactionalId, timeout);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Cairn's Kafka principal lacks " + String.join(", ", missing) + SEE);
    }
  }

  private static Set<AclOperation> allowedOn(
      Admin admin, ResourcePattern resource, Duration timeout) {
    String name = resource.name();
    try {
      return switch (resource.resourceType()) {
        case TOPIC -> describeTopic(admin, name, timeout).authorizedOperations();
        case GROUP ->
            get(
                    admin
                        .describeConsumerGroups(
                            List.of(name),
                            new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                        .all(),
                    timeout)
                .get(name)
                .authorizedOperations();
        default -> throw new IllegalArgumentException("cannot check " + resource);
      };
    } catch (AuthorizationException e) {
      return Set.of(); // not even DESCRIBE
    } catch (GroupIdNotFoundException e) {
      // DESCRIBE is allowed (else this would be an authorization error); a group that does not
      // exist yet reports no operations, so the rest is found out when Cairn joins it.
      return EnumSet.allOf(AclOperation.class);
    }
  }

  /**
   * The topic, with the operations this principal may do on it. A topic created a moment ago may
   * not be in the broker's metadata yet: that is waited out, up to {@code timeout}.
   *
   * @throws AuthorizationException if the principal may not even describe it
   */
  public static TopicDescription describeTopic(Admin admin, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    DescribeTopicsOptions options = new DescribeTopicsOptions().includeAuthorizedOperations(true);
    while (true) {
      try {
        return get(admin.describeTopics(List.of(topic), options).allTopicNames(), timeout)
            .get(topic);
      } catch (UnknownTopicOrPartitionException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Topic " + topic + " does not exist", e);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted describing " + topic, interrupted);
        }
      }
    }
  }

  /** Describing needs DESCRIBE, which WRITE implies: a refusal means WRITE is missing too. */
  private static boolean mayUseTransactionalId(Admin admin, String id, Duration timeout) {
    try {
      get(admin.describeTransactions(List.of(id)).all(), timeout);
      return true;
    } catch (TransactionalIdNotFoundException e) {
      return true;
    } catch (AuthorizationException e) {
      return false;
    }
  }

  private static String describe(List<AclOperation> ops, ResourcePattern resource) {
    return ops.stream().map(Enum::name).reduce((a, b) -> a + "+" + b).orElse("")
        + " on "
        + resource.resourceType().name().toLowerCase().replace('_', ' ')
        + (resource.patternType() == PatternType.PREFIXED ? "s prefixed " : " ")
        + resource.name();
  }

  /** The future's value; its failure's cause rethrown as is when it is a Kafka exception. */
  private static <T> T get(KafkaFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException k) {
        throw k;
      }
      throw new IllegalStateException(rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted checking Kafka permissions", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + timeout, e);
    }
  }

  /**
   * Why a Kafka client stopped, in one line: the innermost exception's type and message, and where
   * the grants are listed when it was refused by an ACL.
   */
  public static String explain(Throwable e) {
    Throwable root = e;
    boolean refused = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      refused |= t instanceof AuthorizationException;
      root = t;
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage() + (refused ? SEE : "");
  }

  /** The innermost message, which is where Kafka says what was wrong. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}

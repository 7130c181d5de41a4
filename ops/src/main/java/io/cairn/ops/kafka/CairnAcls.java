package io.cairn.ops.kafka;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * The Kafka ACLs Cairn's principal needs, and those of a read-only auditor: the one list that the
 * embedded broker applies at start, the tests apply to every instance on the shared broker, and the
 * README tells the operators of a real cluster to grant (a test keeps the README's table equal to
 * {@link #cairn}). Nothing here is a super user; nothing grants more than the code uses. (READ and
 * WRITE each imply DESCRIBE, which the clients need too, so it is not listed.)
 *
 * <p>Cairn's clients and what each needs:
 *
 * <ul>
 *   <li>the admin client creates the three topics and describes them, lists offsets and the
 *       projection's committed offsets: CREATE and DESCRIBE on the topics, DESCRIBE on the group;
 *   <li>the event log writes events, single ones idempotently and several in a transaction: WRITE
 *       on the events topic and on the transactional ids {@code <application id>-*};
 *   <li>the access log writes {@code cairn.access}; the schema registry reads and writes {@code
 *       _schemas} from an assigned partition (no group);
 *   <li>Kafka Streams (application id {@code <application id>}) reads the events in its group and
 *       creates, reads and writes its changelogs {@code <application id>-*};
 *   <li>the policy processor reads the events in the group {@code <application id>-policy}.
 * </ul>
 */
public final class CairnAcls {

  /** An auditor's consumer groups must start with this: Cairn's own groups never do. */
  public static final String AUDIT_GROUP_PREFIX = "audit-";

  private CairnAcls() {}

  /** Operations on one resource pattern, whoever the principal. */
  public record Grant(ResourcePattern resource, List<AclOperation> operations) {
    public Grant {
      operations = List.copyOf(operations);
    }
  }

  /** The policy processor's consumer group. */
  public static String policyGroup(String applicationId) {
    return applicationId + "-policy";
  }

  /**
   * Each replication policy's connector reads the events in a group of its own: this, then the
   * policy id.
   */
  public static String replicationGroupPrefix(String applicationId) {
    return applicationId + "-replication-";
  }

  /**
   * Where replication reports what a target refused for good; under the application's topic prefix,
   * which Cairn may create and write.
   */
  public static String replicationDeadLetters(String applicationId) {
    return applicationId + "-replication-dead-letters";
  }

  /** Every transactional id of the event log starts with this (then the instance id). */
  public static String transactionalIdPrefix(String applicationId) {
    return applicationId + "-";
  }

  /** What Cairn's principal needs with these topics and this application id. */
  public static List<Grant> cairn(TopicNames topics, String applicationId) {
    return List.of(
        grant(ResourceType.TOPIC, topics.events(), LITERAL, CREATE, READ, WRITE),
        grant(ResourceType.TOPIC, topics.access(), LITERAL, CREATE, WRITE),
        grant(ResourceType.TOPIC, topics.schemas(), LITERAL, CREATE, READ, WRITE),
        grant(ResourceType.TOPIC, applicationId + "-", PREFIXED, CREATE, READ, WRITE),
        grant(ResourceType.GROUP, applicationId, LITERAL, READ),
        grant(ResourceType.GROUP, policyGroup(applicationId), LITERAL, READ),
        grant(ResourceType.GROUP, replicationGroupPrefix(applicationId), PREFIXED, READ),
        grant(
            ResourceType.TRANSACTIONAL_ID, transactionalIdPrefix(applicationId), PREFIXED, WRITE));
  }

  /**
   * What an auditor may do: read the three topics Cairn writes (events, access records, the schemas
   * that decode them), in consumer groups of its own ({@value #AUDIT_GROUP_PREFIX}*). No write,
   * create, alter or delete; no group of Cairn's, whose offsets it could move.
   */
  public static List<Grant> audit(TopicNames topics) {
    return List.of(
        grant(ResourceType.TOPIC, topics.events(), LITERAL, READ),
        grant(ResourceType.TOPIC, topics.access(), LITERAL, READ),
        grant(ResourceType.TOPIC, topics.schemas(), LITERAL, READ),
        grant(ResourceType.GROUP, AUDIT_GROUP_PREFIX, PREFIXED, READ));
  }

  /**
   * The embedded broker's ACLs: {@link #cairn} for its principal {@value EmbeddedKafka#CAIRN_USER},
   * {@link #audit} for {@value EmbeddedKafka#AUDIT_USER}.
   */
  public static List<AclBinding> embedded(TopicNames topics, String applicationId) {
    List<AclBinding> out =
        new ArrayList<>(bindings(user(EmbeddedKafka.CAIRN_USER), cairn(topics, applicationId)));
    out.addAll(bindings(user(EmbeddedKafka.AUDIT_USER), audit(topics)));
    return out;
  }

  /** The grants as ALLOW bindings of {@code principal}, from any host. */
  public static List<AclBinding> bindings(KafkaPrincipal principal, List<Grant> grants) {
    List<AclBinding> out = new ArrayList<>();
    for (Grant g : grants) {
      for (AclOperation op : g.operations()) {
        out.add(
            new AclBinding(
                g.resource(),
                new AccessControlEntry(principal.toString(), "*", op, AclPermissionType.ALLOW)));
      }
    }
    return out;
  }

  /** A user principal, as SASL mechanisms name them. */
  public static KafkaPrincipal user(String name) {
    return new KafkaPrincipal(KafkaPrincipal.USER_TYPE, name);
  }

  private static Grant grant(
      ResourceType type, String name, PatternType pattern, AclOperation... operations) {
    return new Grant(new ResourcePattern(type, name, pattern), List.of(operations));
  }
}

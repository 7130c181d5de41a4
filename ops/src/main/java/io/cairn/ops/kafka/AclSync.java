package io.cairn.ops.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster's ACLs of some principals exactly a given list, as its super user: the missing
 * bindings are created, any other binding of those principals is deleted (so a grant dropped from
 * {@link CairnAcls} is revoked on the next start), and it returns once the broker enforces the
 * result (the controller answers on commit; the broker's authorizer follows a moment later).
 */
public final class AclSync {
  private static final Logger LOG = LoggerFactory.getLogger(AclSync.class);

  private AclSync() {}

  /**
   * @param superUser client settings of a principal that may alter the cluster's ACLs
   * @param wanted every binding the principals named in it should have, and no other
   * @throws IllegalStateException if the cluster refuses or does not answer in time
   */
  public static void apply(KafkaClientConfig superUser, List<AclBinding> wanted, Duration timeout) {
    Set<String> principals =
        wanted.stream().map(b -> b.entry().principal()).collect(Collectors.toSet());
    try (Admin admin = Admin.create(superUser.toMap())) {
      Set<AclBinding> existing = bindingsOf(admin, principals, timeout);
      List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
      List<AclBindingFilter> extra =
          existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
      if (!extra.isEmpty()) {
        KafkaAnswer.await(admin.deleteAcls(extra).all(), timeout, "deleting ACLs");
      }
      if (!missing.isEmpty()) {
        KafkaAnswer.await(admin.createAcls(missing).all(), timeout, "creating ACLs");
      }
      awaitEnforced(admin, principals, new HashSet<>(wanted), timeout);
      LOG.info(
          "ACLs of {}: {} in place, {} added, {} removed",
          principals,
          wanted.size(),
          missing.size(),
          extra.size());
    }
  }

  private static void awaitEnforced(
      Admin admin, Set<String> principals, Set<AclBinding> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!bindingsOf(admin, principals, timeout).equals(wanted)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The broker did not apply the ACLs within " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for ACLs", e);
      }
    }
  }

  /** Answered by the broker's own authorizer: what it enforces now. */
  private static Set<AclBinding> bindingsOf(
      Admin admin, Collection<String> principals, Duration timeout) {
    Set<AclBinding> out = new HashSet<>();
    for (String principal : principals) {
      AclBindingFilter filter =
          new AclBindingFilter(
              ResourcePatternFilter.ANY,
              new AccessControlEntryFilter(
                  principal, null, AclOperation.ANY, AclPermissionType.ANY));
      out.addAll(
          KafkaAnswer.await(admin.describeAcls(filter).values(), timeout, "describing ACLs"));
    }
    return out;
  }
}

package io.cairn.ops.replication;

import io.cairn.projection.RegistryEndpointEntry;
import io.cairn.projection.ReplicationPolicyEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Which replication connectors the embedded worker should run, and with what settings: one per
 * enabled {@code event_based} push policy whose target endpoint exists. Pure, so a policy's
 * connector is a function of the policy, its endpoint and this Cairn alone: the runtime compares
 * the plan with what runs and changes only the difference.
 *
 * <p>Secrets never appear here: the source's and the target's passwords are placeholders ({@code
 * ${cairn:…}}) that the worker resolves in memory when it starts a task, so the worker's REST
 * interface and logs show only the placeholder.
 */
public record ConnectorPlan(Site site) {
  /** The connector of policy {@code id} is named so; nothing else on the worker is. */
  public static final String PREFIX = "cairn-replication-policy-";

  /**
   * This Cairn as the connectors' source.
   *
   * @param url this Cairn's own URL, as a connector reaches it over HTTP
   * @param username the account the connectors read the source as
   * @param sourcePassword the placeholder of its password
   * @param targetPassword the placeholder of a registry endpoint's password, by registry id
   * @param topic the events topic
   * @param groupPrefix consumer groups are this followed by the policy id: a policy keeps its
   *     position across updates and restarts, and a new policy (a new id) starts from the beginning
   * @param deadLetterTopic where a connector reports what a target refused for good
   * @param deadLetterReplication that topic's replication factor, the events topic's
   */
  public record Site(
      String url,
      String username,
      String sourcePassword,
      LongFunction<String> targetPassword,
      String topic,
      String groupPrefix,
      String deadLetterTopic,
      int deadLetterReplication) {}

  /** Connector name → settings, for every policy that should run now. */
  public Map<String, Map<String, String>> of(
      List<ReplicationPolicyEntry> policies,
      LongFunction<Optional<RegistryEndpointEntry>> endpoints) {
    Map<String, Map<String, String>> plan = new TreeMap<>();
    for (ReplicationPolicyEntry policy : policies) {
      if (policy.deleted()
          || !policy.enabled()
          || !policy.pushes()
          || !"event_based".equals(policy.triggerType())) {
        continue;
      }
      endpoints
          .apply(policy.destRegistryId())
          .filter(e -> !e.deleted())
          .ifPresent(target -> plan.put(PREFIX + policy.policyId(), settings(policy, target)));
    }
    return plan;
  }

  private Map<String, String> settings(
      ReplicationPolicyEntry policy, RegistryEndpointEntry target) {
    Map<String, String> s = new HashMap<>();
    s.put("connector.class", "io.cairn.replication.connect.ReplicationSinkConnector");
    // One task: a repository's events are ordered within a partition, and one task keeps every
    // partition's steps in order without a second copier racing the first for the same closure.
    s.put("tasks.max", "1");
    s.put("topics", site.topic());
    s.put("consumer.override.group.id", site.groupPrefix() + policy.policyId());
    s.put("consumer.override.auto.offset.reset", "earliest");
    // Deliver a batch as soon as it is there: an empty fetch waits fetch.max.wait.ms (500 ms by
    // default) at the broker, as the projection's and the policy processor's wait 10 ms.
    s.put("consumer.override.fetch.max.wait.ms", "10");
    s.put("errors.tolerance", "all");
    s.put("errors.deadletterqueue.topic.name", site.deadLetterTopic());
    s.put(
        "errors.deadletterqueue.topic.replication.factor",
        Integer.toString(site.deadLetterReplication()));
    s.put("errors.deadletterqueue.context.headers.enable", "true");
    s.put("cairn.url", site.url());
    s.put("cairn.username", site.username());
    s.put("cairn.password", site.sourcePassword());
    s.put("target.url", target.url());
    s.put("target.type", target.type());
    s.put("target.insecure", Boolean.toString(target.insecure()));
    if (target.accessKey() != null && target.accessSecret() != null) {
      s.put("target.username", target.accessKey());
      s.put("target.password", site.targetPassword().apply(target.registryId()));
    }
    s.put("filters", policy.filters() == null ? "[]" : policy.filters());
    s.put("dest.namespace", policy.destNamespace() == null ? "" : policy.destNamespace());
    s.put("dest.namespace.replace.count", Integer.toString(policy.destNamespaceReplaceCount()));
    s.put("replicate.deletion", Boolean.toString(policy.replicateDeletion()));
    s.put("override", Boolean.toString(policy.override()));
    // Harbor's speed: KB/s, -1 or 0 for no limit
    s.put("speed.kbps", Integer.toString(Math.max(0, policy.speed())));
    s.put("policy.id", Long.toString(policy.policyId()));
    return s;
  }
}

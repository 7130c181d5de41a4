package io.cairn.ops.replication;

import io.cairn.api.Backend;
import io.cairn.api.auth.StoredSecrets;
import io.cairn.api.replication.ExecutionRecorder;
import io.cairn.api.replication.ExecutionRoutes;
import io.cairn.api.replication.PolicyRoutes;
import io.cairn.api.replication.RegistryCredentials;
import io.cairn.api.replication.RegistryRoutes;
import io.cairn.api.replication.ReportedExecutions;
import io.cairn.api.replication.SerialWrites;
import io.cairn.api.sealing.SealingKey;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.connect.InProcessSecrets;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.ClusterCheck;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.projection.EndpointView;
import io.cairn.projection.ExecutionView;
import io.cairn.projection.PolicyView;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Replication as one part of a Cairn: its account, its API (registry endpoints, policies,
 * executions) and, once that API serves, its work: event-based policies as connectors ({@link
 * EventReplication}), manual and scheduled executions as runs ({@link ExecutionService}), both
 * reaching this Cairn over loopback HTTP.
 */
public final class Replication implements AutoCloseable {
  private final Backend backend;
  private final ReplicationAccount account;
  private final RegistryCredentials credentials;
  private final EndpointView endpoints;
  private final PolicyView policies;
  private final ExecutionView executions;
  // Shared by the three APIs, so each write's checks see every earlier one (see SerialWrites).
  private final SerialWrites writes = new SerialWrites();
  private final ExecutionRecorder recorder;
  private ScheduledExecutorService timer;
  private EventReplication events;
  private ExecutionService runs;

  private Replication(
      Backend backend,
      ReplicationAccount account,
      RegistryCredentials credentials,
      EndpointView endpoints,
      PolicyView policies,
      ExecutionView executions) {
    this.backend = backend;
    this.account = account;
    this.credentials = credentials;
    this.endpoints = endpoints;
    this.policies = policies;
    this.executions = executions;
    this.recorder = new ExecutionRecorder(backend, executions, writes);
  }

  /**
   * Creates the replication account if missing: to be called before the API serves (see {@link
   * ReplicationAccount#ensure}).
   *
   * @param sealingKey the key the endpoints' passwords are sealed with
   */
  public static Replication create(
      Backend backend,
      StoredSecrets secrets,
      SealingKey sealingKey,
      EndpointView endpoints,
      PolicyView policies,
      ExecutionView executions,
      Duration writeTimeout)
      throws Exception {
    ReplicationAccount account = new ReplicationAccount(backend, secrets, writeTimeout);
    account.ensure();
    return new Replication(
        backend, account, new RegistryCredentials(sealingKey), endpoints, policies, executions);
  }

  /**
   * Mounts the registry endpoint, policy and execution APIs.
   *
   * @param externalUrl this Cairn's URL as clients see it
   */
  public void mount(Router router, String externalUrl) {
    new RegistryRoutes(backend, endpoints, policies, credentials, writes).mount(router);
    new PolicyRoutes(backend, policies, endpoints, writes, externalUrl).mount(router);
    new ExecutionRoutes(backend, executions, policies, recorder).mount(router);
    new ReportedExecutions(backend, policies, recorder).mount(router);
  }

  /**
   * Starts the work, once this Cairn serves {@code site}'s URL.
   *
   * @param workerDir where the Connect worker keeps its (source-connector) offsets file
   */
  public void start(Site site, KafkaClientConfig clients, Path workerDir) throws Exception {
    ReplicationSites sites =
        new ReplicationSites(URI.create(site.url()), account, credentials, endpoints);
    // One timer for both, of two threads: a connector change that waits on the worker does not
    // hold up the executions' checks, nor the other way round.
    timer =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "cairn-replication-timer");
              t.setDaemon(true);
              return t;
            });
    events = EventReplication.start(timer, site, policies, endpoints, sites, clients, workerDir);
    runs = ExecutionService.start(timer, executions, policies, recorder, sites, Clock.systemUTC());
  }

  /**
   * This Cairn as replication reaches it; the connectors' {@link ConnectorPlan.Site} before its
   * secrets' placeholders are filled.
   *
   * @param url this Cairn's URL over loopback
   * @param topic the events topic
   * @param groupPrefix the prefix of the connectors' consumer groups
   * @param deadLetterTopic where a connector reports what a target refused for good
   * @param deadLetterReplication that topic's replication factor, the events topic's
   */
  public record Site(
      String url,
      String topic,
      String groupPrefix,
      String deadLetterTopic,
      int deadLetterReplication) {
    /**
     * A Cairn as its replication reaches it: over loopback HTTP at {@code port}, and with the
     * events topic's replication factor for the connectors' dead letters.
     */
    public static Site of(CairnConfig config, int port, Admin admin, Duration timeout) {
      String host = config.listenHost();
      if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
        host = "127.0.0.1";
      }
      String self = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      int replicas =
          ClusterCheck.describeTopic(admin, config.topics().events(), timeout)
              .partitions()
              .get(0)
              .replicas()
              .size();
      return new Site(
          self,
          config.topics().events(),
          CairnAcls.replicationGroupPrefix(config.applicationId()),
          CairnAcls.replicationDeadLetters(config.applicationId()),
          replicas);
    }

    ConnectorPlan.Site with(InProcessSecrets.Vault vault) {
      return new ConnectorPlan.Site(
          url,
          ReplicationAccount.NAME,
          vault.placeholder("source", "password"),
          id -> vault.placeholder("registry-" + id, "password"),
          topic,
          groupPrefix,
          deadLetterTopic,
          deadLetterReplication);
    }
  }

  /** The Connect worker running event-based replication, once a policy made it start. */
  public Optional<EmbeddedConnect> worker() {
    return events == null ? Optional.empty() : events.connectors().worker();
  }

  /** Where executions' progress is written, by the engine here and by the API. */
  public ExecutionRecorder recorder() {
    return recorder;
  }

  /** In reverse order of starting; the timer last, once a check under way has ended. */
  @Override
  public void close() throws Exception {
    try {
      if (runs != null) {
        runs.close();
      }
    } finally {
      try {
        if (events != null) {
          events.close();
        }
      } finally {
        if (timer != null) {
          timer.shutdownNow();
          timer.awaitTermination(30, TimeUnit.SECONDS);
        }
      }
    }
  }
}

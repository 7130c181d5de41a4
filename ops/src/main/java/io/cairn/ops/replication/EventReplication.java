package io.cairn.ops.replication;

import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.connect.InProcessSecrets;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.projection.EndpointView;
import io.cairn.projection.PolicyView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Event-based replication inside {@code cairn serve}: the replication policies run as connectors on
 * a Kafka Connect worker in this process (the same plugin an operator deploys on a Connect
 * cluster), reading this Cairn over HTTP as {@link ReplicationAccount}. The passwords they need
 * (that account's, the targets') stay in this process: connectors name them as {@code ${cairn:…}}
 * placeholders that {@link InProcessSecrets} resolves when a task starts.
 */
final class EventReplication implements AutoCloseable {
  private final InProcessSecrets.Vault vault;
  private final PolicyConnectors connectors;

  private EventReplication(InProcessSecrets.Vault vault, PolicyConnectors connectors) {
    this.vault = vault;
    this.connectors = connectors;
  }

  /**
   * @param site this Cairn as the connectors see it, with placeholders still to be filled from the
   *     returned instance's vault
   * @param timer reconciles the connectors with the policies
   * @param workerDir where the worker keeps its (source-connector) offsets file
   */
  static EventReplication start(
      ScheduledExecutorService timer,
      Replication.Site site,
      PolicyView policies,
      EndpointView endpoints,
      ReplicationSites sites,
      KafkaClientConfig clients,
      Path workerDir)
      throws Exception {
    Files.createDirectories(workerDir);
    InProcessSecrets.Vault vault = InProcessSecrets.open((path, key) -> secret(path, key, sites));
    ConnectorPlan plan = new ConnectorPlan(site.with(vault));
    PolicyConnectors connectors =
        PolicyConnectors.start(
            timer,
            plan,
            policies,
            endpoints,
            () -> EmbeddedConnect.start(clients, workerDir.resolve("offsets"), vault));
    return new EventReplication(vault, connectors);
  }

  /** The secrets connectors name: {@code source} (this Cairn's) and {@code registry-<id>}. */
  private static Optional<String> secret(String path, String key, ReplicationSites sites) {
    if (!key.equals("password")) {
      return Optional.empty();
    }
    if (path.equals("source")) {
      return Optional.of(sites.self().secret());
    }
    if (path.matches("registry-[0-9]{1,18}")) {
      return sites.password(Long.parseLong(path.substring("registry-".length())));
    }
    return Optional.empty();
  }

  /** The connectors, and the worker once started; for tests and status. */
  PolicyConnectors connectors() {
    return connectors;
  }

  @Override
  public void close() throws Exception {
    try {
      connectors.close();
    } finally {
      vault.close();
    }
  }
}

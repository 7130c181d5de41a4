package io.cairn.replication.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Push-based replication of one policy as a Kafka Connect sink: consumes Cairn's event log ({@code
 * topics=cairn.events}) and brings every selected subject, with its index children and accessories,
 * to the target over the OCI API. Every task gets the same settings; Connect spreads the topic's
 * partitions over them, and since a repository's events share a partition, each repository's
 * history reaches the target in order.
 */
public final class ReplicationSinkConnector extends SinkConnector {
  private Map<String, String> settings;

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new ReplicationConfig(props); // refuse bad settings before any task starts
    this.settings = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ReplicationSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(settings);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return ReplicationConfig.DEFINITION;
  }
}

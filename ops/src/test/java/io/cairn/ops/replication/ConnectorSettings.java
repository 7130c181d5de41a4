package io.cairn.ops.replication;

import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.TestCairn;
import java.util.HashMap;
import java.util.Map;

/** The replication connector's settings for a test: what every policy on a test Cairn shares. */
final class ConnectorSettings {
  private ConnectorSettings() {}

  /**
   * Reads {@code source}'s log in consumer group {@code group} (an auditor's groups start with
   * {@code audit-}) and the source over HTTP as its admin; the caller adds the target.
   */
  static Map<String, String> from(TestCairn source, String group) {
    Map<String, String> settings = new HashMap<>();
    settings.put("connector.class", "io.cairn.replication.connect.ReplicationSinkConnector");
    settings.put("tasks.max", "1");
    settings.put("topics", source.config().topics().events());
    settings.put("consumer.override.group.id", group);
    settings.put("cairn.url", source.url());
    settings.put("cairn.username", "admin");
    settings.put("cairn.password", Login.ADMIN.secret());
    return settings;
  }

  /** As {@link #from}, to {@code target}, another Cairn, as its admin (through its token flow). */
  static Map<String, String> toCairn(TestCairn source, String group, TestCairn target) {
    Map<String, String> settings = from(source, group);
    settings.put("target.url", target.url());
    settings.put("target.type", "cairn");
    settings.put("target.username", "admin");
    settings.put("target.password", Login.ADMIN.secret());
    return settings;
  }
}

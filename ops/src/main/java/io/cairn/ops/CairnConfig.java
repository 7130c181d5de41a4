package io.cairn.ops;

import io.cairn.api.auth.TokenRealm;
import io.cairn.ops.kafka.CairnTopics;
import io.cairn.ops.kafka.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything a Cairn instance is configured with. {@code bootstrapServers == null} means "start an
 * embedded broker"; {@code kafkaClientConfig}, a Kafka client properties file, holds the security
 * settings for the cluster at {@code bootstrapServers} ({@code null}: it asks for none); {@code
 * schemaRegistryUrl == null} means "serve the schema registry from the {@code _schemas} topic";
 * {@code externalUrl == null} means "name the token realm after each request's Host"; {@code
 * accessLog} writes one line per HTTP request to the logger {@code cairn.access}.
 */
public record CairnConfig(
    String listenHost,
    int listenPort,
    Path dataDir,
    String bootstrapServers,
    Path kafkaClientConfig,
    String kafkaHost,
    int kafkaPort,
    String schemaRegistryUrl,
    TopicNames topics,
    int eventPartitions,
    String applicationId,
    String instanceId,
    Duration writeTimeout,
    Duration uploadExpiry,
    String adminPassword,
    String externalUrl,
    boolean accessLog,
    boolean replicationWork) {

  public static CairnConfig defaults(Path dataDir) {
    return new CairnConfig(
        "127.0.0.1",
        5000,
        dataDir,
        null,
        null,
        "127.0.0.1",
        9092,
        null,
        TopicNames.defaults(),
        CairnTopics.DEFAULT_EVENT_PARTITIONS,
        "cairn-projection",
        "cairn-1",
        Duration.ofSeconds(10),
        Duration.ofHours(24),
        null,
        null,
        false,
        true);
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path blobsDir() {
    return dataDir.resolve("blobs");
  }

  /** The token-signing key. */
  public Path authDir() {
    return dataDir.resolve("auth");
  }

  public Path stateDir() {
    return dataDir.resolve("state");
  }

  public CairnConfig withListen(String host, int port) {
    return with(
        c -> {
          c.listenHost = host;
          c.listenPort = port;
        });
  }

  public CairnConfig withDataDir(Path dir) {
    return with(c -> c.dataDir = dir);
  }

  public CairnConfig withBootstrapServers(String servers) {
    return with(c -> c.bootstrapServers = servers);
  }

  /** A Kafka client properties file with the settings to reach and authenticate to the cluster. */
  public CairnConfig withKafkaClientConfig(Path file) {
    return with(c -> c.kafkaClientConfig = file);
  }

  public CairnConfig withKafkaListen(String host, int port) {
    return with(
        c -> {
          c.kafkaHost = host;
          c.kafkaPort = port;
        });
  }

  public CairnConfig withSchemaRegistryUrl(String url) {
    return with(c -> c.schemaRegistryUrl = url);
  }

  public CairnConfig withTopics(TopicNames names, String appId) {
    return with(
        c -> {
          c.topics = names;
          c.applicationId = appId;
        });
  }

  public CairnConfig withWriteTimeout(Duration timeout) {
    return with(c -> c.writeTimeout = timeout);
  }

  /**
   * The password the {@code admin} account gets when it is first created; {@code null} generates
   * one and prints it once. Ignored once the account exists.
   */
  public CairnConfig withAdminPassword(String password) {
    return with(c -> c.adminPassword = password);
  }

  /**
   * The URL clients reach this registry at (behind a reverse proxy, the proxy's), normalized; the
   * token realm is built from it instead of the request's {@code Host}. {@code null}: use the Host.
   *
   * @throws TokenRealm.InvalidExternalUrl for anything but an http(s) URL of a host without query
   *     or fragment
   */
  public CairnConfig withExternalUrl(String url) {
    String normalized = url == null ? null : TokenRealm.externalUrl(url);
    return with(c -> c.externalUrl = normalized);
  }

  /** With one line per HTTP request on the logger {@code cairn.access} (off by default). */
  public CairnConfig withAccessLog(boolean on) {
    return with(c -> c.accessLog = on);
  }

  /**
   * Whether this instance runs replication's work (event-based connectors and executions); off, it
   * still serves the replication API and records what is asked, for another instance to do.
   */
  public CairnConfig withReplicationWork(boolean on) {
    return with(c -> c.replicationWork = on);
  }

  /** Every component but the admin password, which must not reach a log. */
  @Override
  public String toString() {
    return "CairnConfig[listen="
        + listenHost
        + ":"
        + listenPort
        + ", dataDir="
        + dataDir
        + ", bootstrapServers="
        + bootstrapServers
        + ", kafkaClientConfig="
        + kafkaClientConfig
        + ", kafka="
        + kafkaHost
        + ":"
        + kafkaPort
        + ", schemaRegistryUrl="
        + schemaRegistryUrl
        + ", topics="
        + topics
        + ", eventPartitions="
        + eventPartitions
        + ", applicationId="
        + applicationId
        + ", instanceId="
        + instanceId
        + ", writeTimeout="
        + writeTimeout
        + ", uploadExpiry="
        + uploadExpiry
        + ", adminPassword="
        + (adminPassword == null ? "generated" : "configured")
        + ", externalUrl="
        + externalUrl
        + ", accessLog="
        + accessLog
        + ", replicationWork="
        + replicationWork
        + "]";
  }

  /** A copy with {@code change} applied: the one place that lists every component. */
  private CairnConfig with(Consumer<Copy> change) {
    Copy copy = new Copy();
    copy.listenHost = listenHost;
    copy.listenPort = listenPort;
    copy.dataDir = dataDir;
    copy.bootstrapServers = bootstrapServers;
    copy.kafkaClientConfig = kafkaClientConfig;
    copy.kafkaHost = kafkaHost;
    copy.kafkaPort = kafkaPort;
    copy.schemaRegistryUrl = schemaRegistryUrl;
    copy.topics = topics;
    copy.eventPartitions = eventPartitions;
    copy.applicationId = applicationId;
    copy.instanceId = instanceId;
    copy.writeTimeout = writeTimeout;
    copy.uploadExpiry = uploadExpiry;
    copy.adminPassword = adminPassword;
    copy.externalUrl = externalUrl;
    copy.accessLog = accessLog;
    copy.replicationWork = replicationWork;
    change.accept(copy);
    return new CairnConfig(
        copy.listenHost,
        copy.listenPort,
        copy.dataDir,
        copy.bootstrapServers,
        copy.kafkaClientConfig,
        copy.kafkaHost,
        copy.kafkaPort,
        copy.schemaRegistryUrl,
        copy.topics,
        copy.eventPartitions,
        copy.applicationId,
        copy.instanceId,
        copy.writeTimeout,
        copy.uploadExpiry,
        copy.adminPassword,
        copy.externalUrl,
        copy.accessLog,
        copy.replicationWork);
  }

  /** The components of a config being copied. */
  private static final class Copy {
    String listenHost;
    int listenPort;
    Path dataDir;
    String bootstrapServers;
    Path kafkaClientConfig;
    String kafkaHost;
    int kafkaPort;
    String schemaRegistryUrl;
    TopicNames topics;
    int eventPartitions;
    String applicationId;
    String instanceId;
    Duration writeTimeout;
    Duration uploadExpiry;
    String adminPassword;
    String externalUrl;
    boolean accessLog;
    boolean replicationWork;
  }
}

package io.cairn.ops;

import io.cairn.ops.kafka.CairnTopics;
import io.cairn.ops.kafka.TopicNames;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a Cairn instance is configured with. {@code bootstrapServers == null} means "start an
 * embedded broker"; {@code schemaRegistryUrl == null} means "serve the schema registry from the
 * {@code _schemas} topic".
 */
public record CairnConfig(
    String listenHost,
    int listenPort,
    Path dataDir,
    String bootstrapServers,
    String kafkaHost,
    int kafkaPort,
    String schemaRegistryUrl,
    TopicNames topics,
    int eventPartitions,
    String applicationId,
    String instanceId,
    Duration writeTimeout,
    Duration uploadExpiry) {

  public static CairnConfig defaults(Path dataDir) {
    return new CairnConfig(
        "127.0.0.1",
        5000,
        dataDir,
        null,
        "127.0.0.1",
        9092,
        null,
        TopicNames.defaults(),
        CairnTopics.DEFAULT_EVENT_PARTITIONS,
        "cairn-projection",
        "cairn-1",
        Duration.ofSeconds(10),
        Duration.ofHours(24));
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path blobsDir() {
    return dataDir.resolve("blobs");
  }

  public Path stateDir() {
    return dataDir.resolve("state");
  }

  public CairnConfig withListen(String host, int port) {
    return new CairnConfig(
        host,
        port,
        dataDir,
        bootstrapServers,
        kafkaHost,
        kafkaPort,
        schemaRegistryUrl,
        topics,
        eventPartitions,
        applicationId,
        instanceId,
        writeTimeout,
        uploadExpiry);
  }

  public CairnConfig withDataDir(Path dir) {
    return new CairnConfig(
        listenHost,
        listenPort,
        dir,
        bootstrapServers,
        kafkaHost,
        kafkaPort,
        schemaRegistryUrl,
        topics,
        eventPartitions,
        applicationId,
        instanceId,
        writeTimeout,
        uploadExpiry);
  }

  public CairnConfig withBootstrapServers(String servers) {
    return new CairnConfig(
        listenHost,
        listenPort,
        dataDir,
        servers,
        kafkaHost,
        kafkaPort,
        schemaRegistryUrl,
        topics,
        eventPartitions,
        applicationId,
        instanceId,
        writeTimeout,
        uploadExpiry);
  }

  public CairnConfig withKafkaListen(String host, int port) {
    return new CairnConfig(
        listenHost,
        listenPort,
        dataDir,
        bootstrapServers,
        host,
        port,
        schemaRegistryUrl,
        topics,
        eventPartitions,
        applicationId,
        instanceId,
        writeTimeout,
        uploadExpiry);
  }

  public CairnConfig withSchemaRegistryUrl(String url) {
    return new CairnConfig(
        listenHost,
        listenPort,
        dataDir,
        bootstrapServers,
        kafkaHost,
        kafkaPort,
        url,
        topics,
        eventPartitions,
        applicationId,
        instanceId,
        writeTimeout,
        uploadExpiry);
  }

  public CairnConfig withTopics(TopicNames names, String appId) {
    return new CairnConfig(
        listenHost,
        listenPort,
        dataDir,
        bootstrapServers,
        kafkaHost,
        kafkaPort,
        schemaRegistryUrl,
        names,
        eventPartitions,
        appId,
        instanceId,
        writeTimeout,
        uploadExpiry);
  }

  public CairnConfig withWriteTimeout(Duration timeout) {
    return new CairnConfig(
        listenHost,
        listenPort,
        dataDir,
        bootstrapServers,
        kafkaHost,
        kafkaPort,
        schemaRegistryUrl,
        topics,
        eventPartitions,
        applicationId,
        instanceId,
        timeout,
        uploadExpiry);
  }
}

package io.cairn.ops.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.ops.bench.PeerRegistry;
import io.cairn.ops.testing.FixtureLayout;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.RegistryClient;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector as an operator deploys it: the plugin folder the build makes, on the plugin path of
 * a Connect worker in a process of its own that runs Kafka's own {@code ConnectStandalone} with no
 * Cairn class on its class path, reading Cairn's broker as a read-only auditor; a signed image
 * pushed to Cairn reaches a CNCF distribution with its signature through it.
 */
@ExtendWith(SharedKafka.class)
class PluginOnAWorkerTest {
  static final String APP =
      "sha256:81f418986641bf9d861c24c9dd4646c8be7bdcd20086386e3585a3af8851287c";
  static final String APP_SIG = "sha256-" + APP.substring(7) + ".sig";
  static final String SIG_KEY_A =
      "sha256:2d720c7d3ca559f284287fd494e241bbda9723615e2e6cc931d26a3829eb3ac1";
  static final Path PLUGIN = pluginFolder();

  @TempDir static Path dir;
  static TestCairn source;
  static PeerRegistry target;
  static Process worker;
  static Path workerLog;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PeerRegistry.installed(), "docker-registry is not installed: skipped");
    source = TestCairn.start(dir.resolve("source"));
    target = PeerRegistry.start(dir.resolve("target"));
    Path workerProps = dir.resolve("worker.properties");
    Files.writeString(
        workerProps,
        source.audit().toPropertiesText("the auditor: reads the log, writes nothing")
            + "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
            + "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter\n"
            + "offset.storage.file.filename="
            + dir.resolve("worker.offsets")
            + "\n"
            + "plugin.path="
            + PLUGIN.getParent()
            + "\n"
            + "plugin.discovery=service_load\n"
            + "listeners=http://127.0.0.1:0\n"
            + "connector.client.config.override.policy=All\n"
            + consumerSecurity(source.audit().toPropertiesText("")));
    Path connector = dir.resolve("cairn-replication.properties");
    Files.writeString(
        connector,
        "name=cairn-replication\n"
            + "connector.class=io.cairn.replication.connect.ReplicationSinkConnector\n"
            + "tasks.max=1\n"
            + "topics="
            + source.config().topics().events()
            + "\n"
            + "consumer.override.group.id=audit-replication-worker\n"
            + "consumer.override.isolation.level=read_committed\n"
            + "consumer.override.fetch.max.wait.ms=10\n"
            + "cairn.url="
            + source.url()
            + "\n"
            + "cairn.username=admin\n"
            + "cairn.password="
            + Login.ADMIN.secret()
            + "\n"
            + "target.url="
            + target.url()
            + "\n");
    workerLog = dir.resolve("worker.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    Path logback = dir.resolve("worker-logback.xml");
    Files.writeString(
        logback,
        "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>"
            + "</appender><root level=\"INFO\"><appender-ref ref=\"out\"/></root>"
            + "</configuration>");
    command.add("-Dlogback.configurationFile=" + logback);
    command.add("-cp");
    command.add(kafkaOnlyClassPath());
    command.add("org.apache.kafka.connect.cli.ConnectStandalone");
    command.add(workerProps.toString());
    command.add(connector.toString());
    worker =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workerLog.toFile())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (worker != null) {
      worker.destroy();
      worker.waitFor();
    }
    if (target != null) {
      target.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void aSignedImageGoesThroughTheWorkerWithItsSignature() throws Exception {
    assertTrue(Files.isDirectory(PLUGIN), "the build makes the plugin folder " + PLUGIN);
    RegistryClient client = new RegistryClient(source.url());
    FixtureLayout cosign = FixtureLayout.cosign();
    assertEquals(201, cosign.push(client, "app:v1", "library/app", "v1").statusCode());
    assertEquals(201, cosign.push(client, "app:" + APP_SIG, "library/app", APP_SIG).statusCode());

    awaitAtTarget("library/app", "v1", APP);
    awaitAtTarget("library/app", APP_SIG, SIG_KEY_A);
  }

  /** The folder the replication-connector module's build assembles. */
  private static Path pluginFolder() {
    Path target = Path.of("..", "replication-connector", "target").toAbsolutePath().normalize();
    try (Stream<Path> made = Files.list(target)) {
      return made.filter(p -> p.getFileName().toString().endsWith("-plugin"))
          .filter(Files::isDirectory)
          .map(p -> p.resolve("cairn-replication"))
          .findFirst()
          .orElse(target.resolve("missing-plugin"));
    } catch (IOException e) {
      return target.resolve("missing-plugin");
    }
  }

  /**
   * This test's class path without any of Cairn's own classes (module folders and {@code cairn-*}
   * jars): Kafka's Connect runtime and the libraries beside it, so the connector can come only from
   * the plugin path.
   */
  private static String kafkaOnlyClassPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            entry -> !entry.contains("/target/classes") && !entry.contains("/target/test-classes"))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("cairn-"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A sink's consumer takes the worker's {@code consumer.} settings, not its top-level ones. */
  private static String consumerSecurity(String properties) {
    return properties
        .lines()
        .filter(line -> !line.startsWith("#") && line.contains("="))
        .map(line -> "consumer." + line + "\n")
        .collect(Collectors.joining());
  }

  private static void awaitAtTarget(String repo, String reference, String digest) throws Exception {
    new TargetManifests(target.url())
        .awaitDigest(
            repo,
            reference,
            digest,
            Duration.ofSeconds(60),
            () -> {
              try {
                return "; worker log:\n" + tail(Files.readString(workerLog), 6000);
              } catch (IOException e) {
                return "; no worker log: " + e;
              }
            });
  }

  private static String tail(String text, int chars) {
    return text.length() <= chars ? text : text.substring(text.length() - chars);
  }
}

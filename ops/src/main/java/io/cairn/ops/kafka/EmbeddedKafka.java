package io.cairn.ops.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) running inside this JVM on a
 * persistent directory, for dev mode and tests.
 *
 * <p>This is the only class that touches Kafka's internal server classes ({@code
 * kafka.server.KafkaRaftServer}, {@code kafka.tools.StorageTool}); they change between Kafka
 * versions, so they stay behind this one door.
 *
 * <p>Layout of the directory it is given:
 *
 * <pre>
 * dir/
 * ├── bootstrap.servers   "host:port", written once the broker answers, removed by close()
 * ├── server.properties   the configuration of the current run (what format reads)
 * └── logs/               Kafka's log directory: meta.properties (cluster id), metadata, topics
 * </pre>
 *
 * <p>A crashed process leaves bootstrap.servers behind: a reader must treat a refused connection as
 * "no broker running".
 *
 * <p>Not thread-safe: start and close it from one thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** Read by the launcher to find a running dev broker. */
  public static final String BOOTSTRAP_FILE = "bootstrap.servers";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final BrokerConfig config;
  private final KafkaRaftServer server;
  private Duration startupTime = Duration.ZERO;
  private boolean closed;

  private EmbeddedKafka(Path dir, BrokerConfig config, KafkaRaftServer server) {
    this.dir = dir;
    this.config = config;
    this.server = server;
  }

  /**
   * Formats {@code dir/logs} if it has never been formatted, starts the broker and returns once it
   * answers clients. Port 0 picks a free port; the controller always gets a free loopback port.
   *
   * @throws IOException if the directory cannot be written
   * @throws IllegalStateException if formatting fails or the broker does not become ready
   */
  public static EmbeddedKafka start(Path dir, String host, int port) throws IOException {
    long began = System.nanoTime();
    Path logDir = dir.resolve("logs");
    Files.createDirectories(logDir);
    BrokerConfig config =
        new BrokerConfig(logDir, host, port == 0 ? freePort(host) : port, freePort("127.0.0.1"));
    Properties props = config.toProperties();
    Path propsFile = dir.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(propsFile)) {
      props.store(out, "Written by EmbeddedKafka for the current run");
    }
    boolean formatted = formatIfNeeded(logDir, propsFile);

    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(dir, config, server);
    try {
      server.startup();
      kafka.awaitReady();
      kafka.writeBootstrapFile();
    } catch (RuntimeException | IOException e) {
      kafka.close();
      throw e;
    }
    kafka.startupTime = Duration.ofNanos(System.nanoTime() - began);
    LOG.info(
        "Kafka ready at {} in {} ms ({})",
        config.bootstrapServers(),
        kafka.startupTime.toMillis(),
        formatted ? "formatted a new cluster" : "existing cluster");
    return kafka;
  }

  /** {@code host:port} for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** How long {@link #start} took, formatting included. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops the broker and waits for it; the data stays for the next start. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    // First, so no one picks up an address that is about to stop answering.
    Files.deleteIfExists(dir.resolve(BOOTSTRAP_FILE));
    server.shutdown();
    server.awaitShutdown();
  }

  /** Returns true if it formatted; an existing meta.properties keeps the cluster id stable. */
  private static boolean formatIfNeeded(Path logDir, Path propsFile) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return false;
    }
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      // execute, not main: main ends with System.exit.
      code =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", propsFile.toString()}, out);
    }
    String text = output.toString(StandardCharsets.UTF_8).strip();
    if (code != 0) {
      throw new IllegalStateException("Formatting " + logDir + " failed (" + code + "): " + text);
    }
    LOG.debug("Formatted {}: {}", logDir, text);
    return true;
  }

  /**
   * startup() returns once the broker is unfenced; a real client round trip also proves the
   * listener accepts connections before anyone is told the address.
   */
  private void awaitReady() {
    Map<String, Object> conf =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(conf)) {
      if (admin
          .describeCluster()
          .nodes()
          .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .isEmpty()) {
        throw new IllegalStateException("Kafka at " + bootstrapServers() + " lists no broker");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka at " + bootstrapServers() + " is not answering", e);
    }
  }

  /** Atomic, so a reader never sees half an address. */
  private void writeBootstrapFile() throws IOException {
    Path tmp = dir.resolve(BOOTSTRAP_FILE + ".tmp");
    Files.writeString(tmp, bootstrapServers());
    Files.move(
        tmp,
        dir.resolve(BOOTSTRAP_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** A port that was free a moment ago; the tiny race is acceptable for dev and tests. */
  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}

package io.cairn.ops.kafka;

import io.cairn.api.sealing.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
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
 * <p>Layout of the directory it is given (0700: the logs hold every event, the files secrets):
 *
 * <pre>
 * dir/
 * ├── bootstrap.servers         "host:port", written once the broker answers, removed by close()
 * ├── credentials.properties    the broker's, Cairn's and the auditors' secrets, made once (0600)
 * ├── cairn-client.properties   Kafka client settings for Cairn's principal "cairn" (0600)
 * ├── audit-client.properties   the same for the read-only principal "audit" (0600)
 * ├── server.properties         the configuration of the current run, what format reads (0600)
 * └── logs/                     Kafka's log directory: meta.properties (cluster id), metadata, topics
 * </pre>
 *
 * <p>Clients authenticate with SCRAM-SHA-512 ({@link BrokerConfig}); at every start the two SCRAM
 * users are set from credentials.properties, so a directory formatted by an older Cairn, without
 * any, gains them. What each principal may do is up to ACLs the caller applies ({@link AclSync}).
 *
 * <p>A crashed process leaves bootstrap.servers behind: a reader must treat a refused connection as
 * "no broker running".
 *
 * <p>Not thread-safe: start and close it from one thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** Read by the launcher to find a running dev broker. */
  public static final String BOOTSTRAP_FILE = "bootstrap.servers";

  /** Client settings of Cairn's principal, {@value #CAIRN_USER}. */
  public static final String CAIRN_CLIENT_FILE = "cairn-client.properties";

  /** Client settings of the read-only principal {@value #AUDIT_USER}, for outside consumers. */
  public static final String AUDIT_CLIENT_FILE = "audit-client.properties";

  public static final String CAIRN_USER = "cairn";
  public static final String AUDIT_USER = "audit";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final BrokerConfig config;
  private final BrokerCredentials credentials;
  private final KafkaRaftServer server;
  private Duration startupTime = Duration.ZERO;
  private boolean closed;

  private EmbeddedKafka(
      Path dir, BrokerConfig config, BrokerCredentials credentials, KafkaRaftServer server) {
    this.dir = dir;
    this.config = config;
    this.credentials = credentials;
    this.server = server;
  }

  /**
   * Formats {@code dir/logs} if it has never been formatted, starts the broker, sets the SCRAM
   * users, writes the client files and returns once Cairn's principal can log in. Port 0 picks a
   * free port; the broker and controller listeners always get free loopback ports.
   *
   * @throws IOException if the directory cannot be written
   * @throws IllegalStateException if formatting fails or the broker does not become ready
   */
  public static EmbeddedKafka start(Path dir, String host, int port) throws IOException {
    long began = System.nanoTime();
    PrivateFiles.directory(dir);
    Path logDir = dir.resolve("logs");
    Files.createDirectories(logDir);
    BrokerCredentials credentials = BrokerCredentials.loadOrCreate(dir);
    BrokerConfig config =
        new BrokerConfig(
            logDir,
            host,
            port == 0 ? freePort(host) : port,
            freePort("127.0.0.1"),
            freePort("127.0.0.1"),
            credentials.broker());
    Properties props = config.toProperties();
    Path propsFile = dir.resolve("server.properties");
    StringWriter text = new StringWriter();
    props.store(text, "Written by EmbeddedKafka for the current run");
    PrivateFiles.write(propsFile, text.toString());
    boolean formatted = formatIfNeeded(logDir, propsFile);

    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(dir, config, credentials, server);
    long scram;
    try {
      server.startup();
      kafka.awaitReady();
      scram = System.nanoTime();
      ScramUsers.upsert(
          kafka.superUser(),
          config.bootstrapServers(),
          List.of(
              new ScramUsers.User(CAIRN_USER, credentials.cairn()),
              new ScramUsers.User(AUDIT_USER, credentials.audit())),
          READY_TIMEOUT);
      scram = System.nanoTime() - scram;
      kafka.writeClientFiles();
      kafka.writeBootstrapFile();
    } catch (RuntimeException | IOException e) {
      kafka.close();
      throw e;
    }
    kafka.startupTime = Duration.ofNanos(System.nanoTime() - began);
    LOG.info(
        "Kafka ready at {} in {} ms ({}; SCRAM users set in {} ms)",
        config.bootstrapServers(),
        kafka.startupTime.toMillis(),
        formatted ? "formatted a new cluster" : "existing cluster",
        scram / 1_000_000);
    return kafka;
  }

  /** {@code host:port} for clients, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** Cairn's principal, {@value #CAIRN_USER}, on the client listener. */
  public KafkaClientConfig cairnClient() {
    return KafkaClientConfig.scram(bootstrapServers(), CAIRN_USER, credentials.cairn());
  }

  /** The read-only principal, {@value #AUDIT_USER}, on the client listener. */
  public KafkaClientConfig auditClient() {
    return KafkaClientConfig.scram(bootstrapServers(), AUDIT_USER, credentials.audit());
  }

  /**
   * The broker's own principal, the only super user, on its loopback broker listener: for applying
   * ACLs and credentials. Never hand it to anything that serves requests.
   */
  public KafkaClientConfig superUser() {
    return KafkaClientConfig.plain(
        config.brokerServers(), BrokerConfig.BROKER_USER, credentials.broker());
  }

  /**
   * The KRaft controller listener, {@code 127.0.0.1:port}; it admits the broker's principal only.
   */
  public String controllerServers() {
    return config.controllerServers();
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
        superUser()
            .with(
                Map.of(
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) READY_TIMEOUT.toMillis()));
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

  /** Rewritten at every start: the address may have changed. */
  private void writeClientFiles() throws IOException {
    PrivateFiles.write(
        dir.resolve(CAIRN_CLIENT_FILE),
        cairnClient()
            .toPropertiesText(
                "Kafka client settings of Cairn's own principal on the embedded broker, e.g. for\n"
                    + "cairn serve --bootstrap-servers "
                    + bootstrapServers()
                    + " --kafka-client-config <this file>"));
    PrivateFiles.write(
        dir.resolve(AUDIT_CLIENT_FILE),
        auditClient()
                .toPropertiesText(
                    "Read-only access to Cairn's audit topics (cairn.events, cairn.access, _schemas)\n"
                        + "for consumers outside Cairn: kafka-console-consumer --consumer.config <this\n"
                        + "file>, or Properties.load in Java. Consumer groups must be named audit-*.")
            + "group.id="
            + CairnAcls.AUDIT_GROUP_PREFIX
            + "console\n"
            + "isolation.level=read_committed\n");
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

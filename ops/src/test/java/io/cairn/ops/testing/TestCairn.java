package io.cairn.ops.testing;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.ops.kafka.TopicNames;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A whole Cairn instance for end-to-end tests: real HTTP on a free loopback port, real RocksDB
 * under the given data directory, and topics of its own on the JVM's shared broker (use with
 * {@code @ExtendWith(SharedKafka.class)}), reached as an external cluster: with a principal of its
 * own that has exactly the ACLs of {@link io.cairn.ops.kafka.CairnAcls} ({@link TestPrincipals}).
 */
public final class TestCairn implements AutoCloseable {
  private final Cairn cairn;
  private final TestPrincipals.Issued principals;

  private TestCairn(Cairn cairn, TestPrincipals.Issued principals) {
    this.cairn = cairn;
    this.principals = principals;
  }

  /** A fresh instance with its own topics and application id. */
  public static TestCairn start(Path dataDir) throws Exception {
    return start(dataDir, config -> config);
  }

  /** As {@link #start(Path)}, with the configuration {@code adjust}ed (say, an external URL). */
  public static TestCairn start(Path dataDir, UnaryOperator<CairnConfig> adjust) throws Exception {
    String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    CairnConfig config =
        CairnConfig.defaults(dataDir)
            .withListen("127.0.0.1", 0)
            .withBootstrapServers(SharedKafka.bootstrapServers())
            .withTopics(TopicNames.suffixed(suffix), "cairn-test" + suffix)
            .withAdminPassword(Login.ADMIN.secret());
    return start(adjust.apply(config));
  }

  /**
   * Starts an instance on the shared broker with {@code config}'s topics and application id, as a
   * principal issued for them now (its client properties file goes into the data directory).
   */
  public static TestCairn start(CairnConfig config) throws Exception {
    TestPrincipals.Issued issued =
        SharedKafka.issue(config.topics(), config.applicationId(), config.dataDir());
    return new TestCairn(Cairn.start(config.withKafkaClientConfig(issued.cairnFile())), issued);
  }

  /** Stops this instance and starts another on the same topics and data directory. */
  public TestCairn restart() throws Exception {
    return restart(() -> {});
  }

  /** As {@link #restart()}, doing {@code whileStopped} between the stop and the start. */
  public TestCairn restart(WhileStopped whileStopped) throws Exception {
    CairnConfig config = cairn.config();
    cairn.close();
    whileStopped.run();
    return start(config);
  }

  /** Stops this instance, deletes its Kafka Streams state, and starts another: a rebuild. */
  public TestCairn rebuild() throws Exception {
    Path state = cairn.config().stateDir();
    return restart(() -> TestFiles.deleteTree(state));
  }

  /** Work to do while no instance runs (e.g. delete the state directory). */
  @FunctionalInterface
  public interface WhileStopped {
    void run() throws Exception;
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return cairn.url();
  }

  /** {@code 127.0.0.1:<port>}, the registry host for docker:// references. */
  public String host() {
    return "127.0.0.1:" + cairn.port();
  }

  public CairnConfig config() {
    return cairn.config();
  }

  public Cairn cairn() {
    return cairn;
  }

  /** A read-only auditor of this instance's topics, as an outside consumer would be. */
  public KafkaClientConfig audit() {
    return principals.audit();
  }

  /** Cairn's own principal: what the instance itself may do. */
  public KafkaClientConfig clients() {
    return principals.cairn();
  }

  @Override
  public void close() {
    cairn.close();
  }
}

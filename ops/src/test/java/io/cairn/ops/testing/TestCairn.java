package io.cairn.ops.testing;

import io.cairn.ops.Cairn;
import io.cairn.ops.CairnConfig;
import io.cairn.ops.kafka.TopicNames;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A whole Cairn instance for end-to-end tests: real HTTP on a free loopback port, real RocksDB
 * under the given data directory, and topics of its own on the JVM's shared broker (use with
 * {@code @ExtendWith(SharedKafka.class)}).
 */
public final class TestCairn implements AutoCloseable {
  private final Cairn cairn;

  private TestCairn(Cairn cairn) {
    this.cairn = cairn;
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

  public static TestCairn start(CairnConfig config) throws Exception {
    return new TestCairn(Cairn.start(config));
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

  @Override
  public void close() {
    cairn.close();
  }
}

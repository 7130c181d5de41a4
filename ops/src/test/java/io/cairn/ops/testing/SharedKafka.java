package io.cairn.ops.testing;

import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.ops.kafka.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one embedded Kafka broker per test JVM, the first time a class using this extension runs,
 * and stops it after the last test class. A broker costs seconds to start; a test costs
 * milliseconds, so tests share it and isolate themselves with unique topic names and group ids.
 *
 * <pre>
 * {@literal @}ExtendWith(SharedKafka.class)
 * class MyTest { ... SharedKafka.bootstrapServers() ... }
 * </pre>
 */
public final class SharedKafka implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedKafka.class);

  // Guarded by SharedKafka.class. Set once; cleared by the root store when JUnit finishes.
  private static EmbeddedKafka broker;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    startOnce(context.getRoot());
  }

  /** The shared broker's address; only valid inside a class extended with SharedKafka. */
  public static synchronized String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /**
   * The broker's own principal, its only super user: for tests that set up topics, principals and
   * ACLs, or read whatever they like. What Cairn does goes through {@link TestPrincipals} instead.
   */
  public static synchronized KafkaClientConfig superUser() {
    return broker().superUser();
  }

  /** Principals of one Cairn instance on the shared broker, with exactly its ACLs. */
  public static synchronized TestPrincipals.Issued issue(
      TopicNames topics, String applicationId, Path dir) throws IOException {
    return TestPrincipals.issue(broker(), topics, applicationId, dir);
  }

  /** As {@link #issue(TopicNames, String, Path)}, with Cairn's grants changed by {@code change}. */
  public static synchronized TestPrincipals.Issued issue(
      TopicNames topics,
      String applicationId,
      Path dir,
      UnaryOperator<List<CairnAcls.Grant>> change)
      throws IOException {
    return TestPrincipals.issue(broker(), topics, applicationId, dir, change);
  }

  private static EmbeddedKafka broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "Annotate the test class with @ExtendWith(SharedKafka.class)");
    }
    return broker;
  }

  private static synchronized void startOnce(ExtensionContext root) throws IOException {
    if (broker != null) {
      return;
    }
    Path dir = Files.createTempDirectory("cairn-kafka-");
    broker = EmbeddedKafka.start(dir, "127.0.0.1", 0);
    // The root store closes its AutoCloseable values after the last test class of the run.
    // (Store.CloseableResource, the older way, is deprecated in JUnit 6.)
    root.getStore(NAMESPACE).put(EmbeddedKafka.class, (AutoCloseable) () -> stop(dir));
  }

  private static synchronized void stop(Path dir) throws IOException {
    try {
      broker.close();
    } finally {
      broker = null;
      TestFiles.deleteTree(dir);
    }
  }
}

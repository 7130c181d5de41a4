package io.cairn.ops.connect;

import io.cairn.ops.kafka.KafkaClientConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A Kafka Connect worker in this process (standalone mode, Kafka's own runtime), for the connectors
 * Cairn runs itself: the same plugin an operator deploys on a Connect cluster, found by service
 * loading rather than a classpath scan (which costs seconds and a gigabyte here). Its clients use
 * the given principal; a sink's consumer may take a group id of the principal's own (e.g. an
 * auditor's {@code audit-*}), so replication needs nothing but read access to the log. Its REST
 * interface listens on a free loopback port and is not part of Cairn's API.
 */
public final class EmbeddedConnect implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Connect<StandaloneHerder> connect;

  private EmbeddedConnect(Connect<StandaloneHerder> connect) {
    this.connect = connect;
  }

  /**
   * @param offsets where standalone mode keeps source offsets (a sink's offsets are its consumer
   *     group's, in Kafka)
   */
  public static EmbeddedConnect start(KafkaClientConfig clients, Path offsets) {
    return start(clients, offsets, null);
  }

  /**
   * @param vault where connectors' {@code ${cairn:…}} placeholders resolve, or {@code null}: none
   */
  public static EmbeddedConnect start(
      KafkaClientConfig clients, Path offsets, InProcessSecrets.Vault vault) {
    Map<String, String> props = new HashMap<>();
    Map<String, Object> security = clients.toMap();
    security.forEach(
        (key, value) -> {
          props.put(key, String.valueOf(value));
          props.put("consumer." + key, String.valueOf(value));
          props.put("producer." + key, String.valueOf(value));
          props.put("admin." + key, String.valueOf(value));
        });
    // Only committed transactions are history: a sink must never act on an aborted write.
    props.put("consumer.isolation.level", "read_committed");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("offset.storage.file.filename", offsets.toString());
    props.put("plugin.discovery", "service_load");
    props.put("listeners", "http://127.0.0.1:0");
    props.put("connector.client.config.override.policy", "All");
    if (vault != null) {
      String provider = "config.providers." + InProcessSecrets.PROVIDER;
      props.put("config.providers", InProcessSecrets.PROVIDER);
      props.put(provider + ".class", InProcessSecrets.class.getName());
      props.put(provider + ".param.vault", vault.handle());
    }
    return new EmbeddedConnect(new ConnectStandalone().startConnect(props));
  }

  /** Creates or replaces connector {@code name}. */
  public void put(String name, Map<String, String> config) throws Exception {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name); // the herder's argument is not enough: the config must say it too
    FutureCallback<Object> done = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, named, true, (e, r) -> done.onCompletion(e, r));
    await(done);
  }

  /** Removes connector {@code name} and stops its tasks. */
  public void delete(String name) throws Exception {
    FutureCallback<Object> done = new FutureCallback<>();
    connect.herder().deleteConnectorConfig(name, (e, r) -> done.onCompletion(e, r));
    await(done);
  }

  /** The connectors this worker runs. */
  public Collection<String> connectors() {
    FutureCallback<Collection<String>> done = new FutureCallback<>();
    connect.herder().connectors((e, r) -> done.onCompletion(e, r));
    try {
      return done.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Connect worker did not list its connectors", e);
    }
  }

  /** The worker's REST interface (loopback only), as Kafka's tools would reach it. */
  public URI restUrl() {
    return connect.rest().serverUrl();
  }

  /** The connector's and its tasks' states, with the trace of a failed one. */
  public ConnectorStateInfo status(String name) {
    return connect.herder().connectorStatus(name);
  }

  private static void await(FutureCallback<Object> done)
      throws InterruptedException, ExecutionException, TimeoutException {
    done.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}

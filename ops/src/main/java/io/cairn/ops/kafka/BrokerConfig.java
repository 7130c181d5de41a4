package io.cairn.ops.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of the single-node KRaft broker that {@link EmbeddedKafka} runs: one
 * process that is both broker and controller.
 *
 * <p>The quorum is static ({@code controller.quorum.voters}) rather than dynamic: a static quorum
 * needs no voter record in the formatted metadata, so a restart on the same log directory works
 * even when the controller port changes between runs.
 */
record BrokerConfig(Path logDir, String listenHost, int port, int controllerPort) {

  private static final String NODE_ID = "1";

  /** The host clients are told to connect to: a wildcard bind address is not connectable. */
  String advertisedHost() {
    return listenHost.isEmpty() || listenHost.equals("0.0.0.0") || listenHost.equals("::")
        ? "127.0.0.1"
        : listenHost;
  }

  String bootstrapServers() {
    return advertisedHost() + ":" + port;
  }

  Properties toProperties() {
    String controller = "127.0.0.1:" + controllerPort;
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", NODE_ID);
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + controller);
    p.setProperty(
        "listeners", "PLAINTEXT://" + listenHost + ":" + port + ",CONTROLLER://" + controller);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

    // One node: the internal topics' defaults (3 replicas, min ISR 2) could never be met.
    // (The offsets topic has no min ISR of its own; it follows min.insync.replicas, 1.)
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");

    // Nobody else will join a group here: waiting 3 s for them only delays every first poll.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Topics are created deliberately (CairnTopics); a typo must fail, not make a new topic.
    p.setProperty("auto.create.topics.enable", "false");
    // After a crash (kill -9) the restarted broker cannot register until the controller has
    // expired its previous session: 9 s by default (ready after about 12 s), about 5 s with 3 s.
    // Heartbeats are loopback calls within one process, so the shorter timeout costs nothing.
    p.setProperty("broker.session.timeout.ms", "3000");
    p.setProperty("broker.heartbeat.interval.ms", "500");
    return p;
  }
}

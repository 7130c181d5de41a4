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
 *
 * <p>Every listener authenticates and every request is authorized:
 *
 * <ul>
 *   <li>{@code CLIENT} (the address clients are given): SASL/SCRAM-SHA-512 only. The SCRAM
 *       credentials live in the cluster metadata; the broker's own principal is not among them.
 *   <li>{@code BROKER} (loopback, inter-broker traffic) and {@code CONTROLLER} (loopback, the KRaft
 *       quorum): SASL/PLAIN with a single user, the broker itself, whose password is only in the
 *       JAAS entry here. SCRAM cannot serve the controller, since its credentials are stored by the
 *       controller itself; PLAIN needs nothing from the metadata.
 *   <li>{@code StandardAuthorizer}, nothing allowed without an ACL, and the broker's principal the
 *       only super user: Cairn's principal gets exactly its ACLs ({@link CairnAcls}).
 * </ul>
 */
record BrokerConfig(
    Path logDir,
    String listenHost,
    int port,
    int brokerPort,
    int controllerPort,
    String brokerPassword) {

  /** The broker's own principal, its only super user. */
  static final String BROKER_USER = "broker";

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

  /** The loopback listener on which the broker's own principal authenticates. */
  String brokerServers() {
    return "127.0.0.1:" + brokerPort;
  }

  String controllerServers() {
    return "127.0.0.1:" + controllerPort;
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", NODE_ID);
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + controllerServers());
    p.setProperty(
        "listeners",
        "CLIENT://"
            + listenHost
            + ":"
            + port
            + ",BROKER://"
            + brokerServers()
            + ",CONTROLLER://"
            + controllerServers());
    p.setProperty(
        "advertised.listeners", "CLIENT://" + bootstrapServers() + ",BROKER://" + brokerServers());
    p.setProperty(
        "listener.security.protocol.map",
        "CLIENT:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "BROKER");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    security(p);

    // One node: the internal topics' defaults (3 replicas, min ISR 2) could never be met.
    // (The offsets topic has no min ISR of its own; it follows min.insync.replicas, 1.)
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // One node and a handful of groups and transactional ids: 50 partitions each (the defaults)
    // only cost start time (creating them took about 3 s of a new registry's start, loading them
    // about 0.5 s of every start). These apply only when the topic is created: a broker uses an
    // existing topic's own partition count, so older data directories keep their 50.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");

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

  private void security(Properties p) {
    p.setProperty("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.setProperty(
        "listener.name.client.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    // The same entry serves both ends: the broker accepts user_broker, and connects as broker.
    String brokerJaas =
        KafkaClientConfig.jaas(
                "org.apache.kafka.common.security.plain.PlainLoginModule",
                BROKER_USER,
                brokerPassword)
            .replace(";", " user_" + BROKER_USER + "=\"" + brokerPassword + "\";");
    for (String listener : new String[] {"broker", "controller"}) {
      p.setProperty("listener.name." + listener + ".sasl.enabled.mechanisms", "PLAIN");
      p.setProperty("listener.name." + listener + ".plain.sasl.jaas.config", brokerJaas);
    }
    p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
    p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("allow.everyone.if.no.acl.found", "false");
    p.setProperty("super.users", "User:" + BROKER_USER);
  }

  /** Never the broker's password. */
  @Override
  public String toString() {
    return "BrokerConfig[" + bootstrapServers() + ", logDir=" + logDir + "]";
  }
}

package io.cairn.ops;

import io.cairn.api.AllowAll;
import io.cairn.api.ApiRouter;
import io.cairn.api.Backend;
import io.cairn.api.KafkaEventWriter;
import io.cairn.api.RequestEvents;
import io.cairn.api.schemaregistry.SchemaRegistryRoutes;
import io.cairn.blob.FilesystemBlobStore;
import io.cairn.events.AvroTrust;
import io.cairn.events.EventLog;
import io.cairn.events.RegistryEventSerde;
import io.cairn.ops.health.BrokerProbe;
import io.cairn.ops.health.Readiness;
import io.cairn.ops.kafka.CairnTopics;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.projection.CatchUp;
import io.cairn.ops.projection.Projection;
import io.cairn.schemaregistry.HttpSchemaRegistryClient;
import io.cairn.schemaregistry.KafkaSchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a Cairn instance with constructors, in dependency
 * order, and closes them in reverse. Nothing else wires anything.
 */
public final class Cairn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cairn.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final CairnConfig config;
  private String bootstrapServers;
  private Projection projection;
  private HttpServer server;
  private Backend backend;
  private SchemaRegistry registry;
  private final Readiness readiness = new Readiness();

  private Cairn(CairnConfig config) {
    this.config = config;
  }

  /** Starts everything and returns once {@code /readyz} would answer 200. */
  public static Cairn start(CairnConfig config) throws Exception {
    Cairn cairn = new Cairn(config);
    try {
      cairn.startParts();
      return cairn;
    } catch (Exception | Error e) {
      cairn.close();
      throw e;
    }
  }

  private void startParts() throws Exception {
    AvroTrust.trustCairnEvents();
    Files.createDirectories(config.blobsDir());
    Files.createDirectories(config.stateDir());
    bootstrapServers = config.bootstrapServers();
    if (bootstrapServers == null) {
      EmbeddedKafka kafka = EmbeddedKafka.start(config.kafkaDir(), config.kafkaHost(), config.kafkaPort());
      parts.push(kafka);
      bootstrapServers = kafka.bootstrapServers();
    }
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, AdminClientConfig.CLIENT_ID_CONFIG, config.instanceId() + "-admin"));
    parts.push(admin);
    new CairnTopics(admin, config.topics(), config.eventPartitions()).ensure(Duration.ofSeconds(30));
    int partitions = partitionCount(admin);

    registry = schemaRegistry();
    RegistryEventSerde serde = new RegistryEventSerde(registry);

    projection = new Projection(bootstrapServers, config.applicationId(), config.topics().events(), partitions, config.stateDir(), serde);
    parts.push(projection);
    CatchUp catchUp = new CatchUp(admin, config.topics().events(), config.applicationId(), projection.applied());
    catchUp.markTargets(partitions, Duration.ofSeconds(30));
    projection.start();

    EventLog log = new EventLog(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-events"), config.applicationId() + "-" + config.instanceId(), config.topics().events(), serde.serializer(), config.writeTimeout());
    parts.push(log);

    Vertx vertx = Vertx.vertx();
    parts.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
    FilesystemBlobStore blobs = new FilesystemBlobStore(config.blobsDir());
    backend = new Backend(vertx, projection.view(), blobs, new KafkaEventWriter(log, projection.applied(), config.writeTimeout(), vertx), new RequestEvents(config.instanceId(), Clock.systemUTC()), new AllowAll());

    BrokerProbe broker = new BrokerProbe(admin);
    broker.probe();
    vertx.setPeriodic(2000, id -> vertx.executeBlocking(() -> { broker.probe(); return null; }));
    vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> vertx.executeBlocking(() -> blobs.uploads().expire(config.uploadExpiry())));
    Duration probeTimeout = Duration.ofSeconds(2);
    readiness
        .check("broker", broker::isReachable)
        .check("topics", () -> true) // ensured above, before anything else could start
        .check("projection", () -> projection.isServing() && catchUp.isCaughtUp(probeTimeout))
        .check("http", () -> server != null);

    Router router = ApiRouter.create(backend);
    readiness.mount(router);
    router.route("/schema-registry/*").subRouter(new SchemaRegistryRoutes(registry).router(vertx));
    ApiRouter.finish(router);
    HttpServerOptions options = new HttpServerOptions().setHost(config.listenHost()).setPort(config.listenPort()).setTcpNoDelay(true).setMaxChunkSize(64 * 1024);
    server = vertx.createHttpServer(options).requestHandler(router).listen().toCompletionStage().toCompletableFuture().get();
    parts.push(() -> server.close().toCompletionStage().toCompletableFuture().get());
    awaitReady();
    new LibraryProject(backend).ensure(config.writeTimeout());
  }

  private int partitionCount(Admin admin) throws Exception {
    return admin.describeTopics(List.of(config.topics().events())).allTopicNames().get().get(config.topics().events()).partitions().size();
  }

  private SchemaRegistry schemaRegistry() {
    if (config.schemaRegistryUrl() != null) {
      return new HttpSchemaRegistryClient(config.schemaRegistryUrl());
    }
    KafkaSchemaRegistry registry = new KafkaSchemaRegistry(bootstrapServers, config.topics().schemas(), config.instanceId() + "-schemas");
    parts.push(registry::close);
    registry.start();
    return registry;
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!readiness.isReady()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready after " + START_TIMEOUT + ": projection " + projection.state());
      }
      Thread.sleep(50);
    }
  }

  public int port() {
    return server.actualPort();
  }

  public String url() {
    return "http://" + config.listenHost() + ":" + port();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public CairnConfig config() {
    return config;
  }

  @Override
  public void close() {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", part, e.toString());
      }
    }
  }
}

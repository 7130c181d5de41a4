package io.cairn.ops;

import io.cairn.api.Access;
import io.cairn.api.ApiRouter;
import io.cairn.api.AppliedRoutes;
import io.cairn.api.Backend;
import io.cairn.api.KafkaEventWriter;
import io.cairn.api.RequestEvents;
import io.cairn.api.RequestLog;
import io.cairn.api.auth.Authentication;
import io.cairn.api.auth.LoginThrottle;
import io.cairn.api.auth.ProjectAuthorizer;
import io.cairn.api.auth.SecretHash;
import io.cairn.api.auth.Security;
import io.cairn.api.auth.StoredSecrets;
import io.cairn.api.auth.TokenKey;
import io.cairn.api.auth.TokenRealm;
import io.cairn.api.auth.TokenService;
import io.cairn.api.replication.ExecutionRecorder;
import io.cairn.api.schemaregistry.SchemaRegistryRoutes;
import io.cairn.api.sealing.SealingKey;
import io.cairn.api.sealing.SealingKeyFile;
import io.cairn.blob.FilesystemBlobStore;
import io.cairn.events.AvroTrust;
import io.cairn.events.EventLog;
import io.cairn.events.RegistryEventSerde;
import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.ops.health.BrokerProbe;
import io.cairn.ops.health.Readiness;
import io.cairn.ops.kafka.CairnAcls;
import io.cairn.ops.kafka.ClusterCheck;
import io.cairn.ops.kafka.KafkaClientConfig;
import io.cairn.ops.projection.CatchUp;
import io.cairn.ops.projection.Projection;
import io.cairn.ops.replication.Replication;
import io.cairn.projection.RegistryView;
import io.cairn.projection.TrustView;
import io.cairn.schemaregistry.HttpSchemaRegistryClient;
import io.cairn.schemaregistry.KafkaSchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a Cairn instance with constructors, in dependency
 * order (broker, topics, schema registry, projection, event log, HTTP), and closes them in reverse.
 * Nothing else wires anything.
 */
public final class Cairn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cairn.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  /** The {@code service} of the token flow, as Harbor's is {@code harbor-registry}. */
  static final String TOKEN_SERVICE = "cairn-registry";

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final Readiness readiness = new Readiness();
  private final CairnConfig config;
  private KafkaClientConfig clients;
  private Admin admin;
  private Projection projection;
  private HttpServer server;
  private Replication replication;
  private Optional<String> generatedAdminPassword = Optional.empty();

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
    KafkaAccess.Connected kafka =
        KafkaAccess.connect(config, transactionalId() + "-0", ADMIN_TIMEOUT, this::own);
    clients = kafka.clients();
    admin = kafka.admin();
    int partitions = partitionCount();
    SchemaRegistry registry = schemaRegistry();
    RegistryEventSerde serde = new RegistryEventSerde(registry);
    CatchUp catchUp = startProjection(partitions, serde);
    EventLog log =
        own(
            new EventLog(
                producerConfig(),
                transactionalId(),
                config.topics().events(),
                serde.serializer(),
                config.writeTimeout()));
    Vertx vertx = Vertx.vertx();
    own(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
    FilesystemBlobStore blobs = new FilesystemBlobStore(config.blobsDir());
    Clock clock = Clock.systemUTC();
    // Caught up first: whether the sealing key may be made depends on what the log already seals.
    await(() -> projection.isServing() && catchUp.isCaughtUp(Duration.ofSeconds(2)), "projection");
    SealingKey sealingKey =
        SealingKeyFile.openOrCreate(
            config.authDir(), StoredSecrets.accountsByKeyId(projection.identity()));
    StoredSecrets secrets =
        new StoredSecrets(new SecretHash(SecretHash.DEFAULT_ITERATIONS), sealingKey);
    AccessLog accessLog =
        own(
            AccessLog.open(
                producerConfig(), registry, config.topics().access(), config.instanceId(), clock));
    Authentication authentication =
        new Authentication(
            vertx,
            projection.identity(),
            new TokenService(
                TokenKey.loadOrCreate(config.authDir()),
                TOKEN_SERVICE,
                TokenService.DEFAULT_LIFETIME),
            secrets,
            new LoginThrottle(System::nanoTime),
            clock,
            accessLog::failedLogin);
    Backend backend =
        new Backend(
            vertx,
            projection.view(),
            projection.identity(),
            projection.trust(),
            blobs,
            new KafkaEventWriter(log, projection.applied(), config.writeTimeout(), vertx),
            new RequestEvents(config.instanceId(), clock),
            new ProjectAuthorizer(
                authentication,
                projection.view(),
                clock,
                accessLog,
                TokenRealm.of(config.externalUrl())),
            accessLog);
    startTimers(vertx, blobs, readinessChecks(catchUp));
    // Library and admin exist before the first request can arrive: /readyz answers only then.
    new LibraryProject(backend).ensure(config.writeTimeout());
    generatedAdminPassword =
        new AdminAccount(backend, secrets).ensure(config.adminPassword(), config.writeTimeout());
    replication =
        Replication.create(
            backend,
            secrets,
            sealingKey,
            projection.endpoints(),
            projection.policies(),
            projection.executions(),
            config.writeTimeout());
    own(TrustVerdicts.start(clients, config, projection, serde, blobs, log, clock));
    startHttp(vertx, backend, new Security(authentication, secrets, clock), replication, registry);
    // Owned after the server, so closed before it: a run cut short sees the shutdown, not a
    // refused connection it would record as a failure.
    own(replication);
    await(readiness::isReady, "readiness");
    if (config.replicationWork()) {
      replication.start(
          Replication.Site.of(config, port(), admin, ADMIN_TIMEOUT),
          clients,
          config.dataDir().resolve("connect"));
    }
  }

  /** An existing topic keeps its partition count, whatever the configuration says now. */
  private int partitionCount() {
    return ClusterCheck.describeTopic(admin, config.topics().events(), ADMIN_TIMEOUT)
        .partitions()
        .size();
  }

  private SchemaRegistry schemaRegistry() {
    if (config.schemaRegistryUrl() != null) {
      return new HttpSchemaRegistryClient(config.schemaRegistryUrl());
    }
    KafkaSchemaRegistry registry =
        new KafkaSchemaRegistry(
            clients.toMap(), config.topics().schemas(), config.instanceId() + "-schemas");
    own(registry::close);
    registry.start();
    return registry;
  }

  private CatchUp startProjection(int partitions, RegistryEventSerde serde) throws Exception {
    projection =
        own(
            new Projection(
                clients,
                config.applicationId(),
                config.instanceId(),
                config.topics().events(),
                partitions,
                config.stateDir(),
                serde));
    CatchUp catchUp =
        new CatchUp(
            admin, clients, config.topics().events(), config.applicationId(), projection.applied());
    catchUp.markTargets(partitions, ADMIN_TIMEOUT);
    projection.start();
    return catchUp;
  }

  private Map<String, Object> producerConfig() {
    return clients.with(Map.of(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-events"));
  }

  private String transactionalId() {
    return CairnAcls.transactionalIdPrefix(config.applicationId()) + config.instanceId();
  }

  private BrokerProbe readinessChecks(CatchUp catchUp) {
    BrokerProbe broker = new BrokerProbe(admin);
    broker.probe();
    Duration probeTimeout = Duration.ofSeconds(2);
    readiness
        .check("broker", broker::isReachable)
        .check("topics", () -> true) // ensured before anything else started
        .check("projection", () -> projection.isServing() && catchUp.isCaughtUp(probeTimeout))
        .check("http", () -> server != null);
    return broker;
  }

  private void startTimers(Vertx vertx, FilesystemBlobStore blobs, BrokerProbe broker) {
    long probing = vertx.setPeriodic(2000, id -> vertx.executeBlocking(broker::probe));
    long expiring =
        vertx.setPeriodic(
            Duration.ofMinutes(10).toMillis(),
            id -> vertx.executeBlocking(() -> blobs.uploads().expire(config.uploadExpiry())));
    // Cancelled before Vert.x closes: a timer firing into a closing worker pool is refused noisily.
    own(
        () -> {
          vertx.cancelTimer(probing);
          vertx.cancelTimer(expiring);
        });
  }

  private void startHttp(
      Vertx vertx,
      Backend backend,
      Security security,
      Replication replication,
      SchemaRegistry registry)
      throws Exception {
    Router router = ApiRouter.create(backend, security);
    // Here, not in ApiRouter: the endpoints' passwords are sealed with the key only this root
    // holds.
    replication.mount(router, config.externalUrl());
    new AppliedRoutes(backend, projection.applied()).mount(router);
    if (config.accessLog()) {
      RequestLog.mount(router);
    }
    readiness.mount(router);
    // Anyone may read schemas (audit consumers decode with them); only administrators change
    // them. A Cairn that uses this one as its registry gives the credentials in the URL.
    router
        .route("/schema-registry/*")
        .handler(
            ctx -> {
              HttpMethod method = ctx.request().method();
              if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                ctx.next();
                return;
              }
              backend
                  .authorizer()
                  .authorize(ctx, Access.Registry.ADMINISTER)
                  .onSuccess(actor -> ctx.next())
                  .onFailure(ctx::fail);
            });
    router.route("/schema-registry/*").subRouter(new SchemaRegistryRoutes(registry).router(vertx));
    ApiRouter.finish(router);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.listenHost())
            .setPort(config.listenPort())
            .setTcpNoDelay(true)
            .setMaxChunkSize(64 * 1024)
            // HTTP/1.1 only in clear text: the JDK's client offers an h2c upgrade on every first
            // request, and two requests that way (a schema fetch by a test and by the replication
            // connector) were seen never answered while the server sat idle. OCI clients speak
            // HTTP/1.1 here anyway.
            .setHttp2ClearTextEnabled(false);
    server =
        vertx
            .createHttpServer(options)
            .requestHandler(router)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    own(() -> server.close().toCompletionStage().toCompletableFuture().get());
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      Optional<Throwable> failed = projection == null ? Optional.empty() : projection.failure();
      if (failed.isPresent()) {
        throw new IllegalStateException(
            "the projection (Kafka Streams application "
                + config.applicationId()
                + ") stopped: "
                + ClusterCheck.explain(failed.get()),
            failed.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what + " not ready after " + START_TIMEOUT + ": projection " + projection.state());
      }
      Thread.sleep(50);
    }
  }

  /** Registers a part to close (in reverse order of starting) and returns it. */
  private <T extends AutoCloseable> T own(T part) {
    parts.push(part);
    return part;
  }

  public int port() {
    return server.actualPort();
  }

  public String url() {
    return "http://" + config.listenHost() + ":" + port();
  }

  public String bootstrapServers() {
    return clients.bootstrapServers();
  }

  /** The read side the API answers from; for operators' tools and the end-to-end tests. */
  public RegistryView view() {
    return projection.view();
  }

  /** Each project's trust material and verdicts, as the API reads them; for tools and tests. */
  public TrustView trust() {
    return projection.trust();
  }

  /** The Connect worker running event-based replication, once a policy made it start. */
  public Optional<EmbeddedConnect> replicationWorker() {
    return replication == null ? Optional.empty() : replication.worker();
  }

  public CairnConfig config() {
    return config;
  }

  /** Where the replication engine writes what its executions do; for the engine and the tests. */
  public ExecutionRecorder executionRecorder() {
    return replication == null ? null : replication.recorder();
  }

  /** The admin password generated on this start, if the admin account was created now. */
  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
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

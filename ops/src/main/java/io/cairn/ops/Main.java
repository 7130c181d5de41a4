package io.cairn.ops;

import io.cairn.api.auth.TokenRealm;
import io.cairn.ops.bench.Bench;
import io.cairn.ops.bench.BenchOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code cairn serve|bench …}: the command line. */
public final class Main {
  private static final String USAGE =
      """
      usage: cairn serve [--listen HOST:PORT] [--data-dir DIR] [--kafka-listen HOST:PORT]
                         [--bootstrap-servers H:P[,H:P] [--kafka-client-config FILE]]
                         [--schema-registry-url URL] [--external-url URL]
             cairn bench [--target URL] [--no-peer] [--rounds N] [--seconds S] [--images N]
                         [--trust-only] [--profile DIR]

        Without --bootstrap-servers Cairn runs its own Kafka broker, which admits SASL/SCRAM
        clients only; read-only credentials for outside consumers: DIR/kafka/audit-client.properties.
        --kafka-client-config FILE: a Kafka client properties file (security.protocol, sasl.*,
        ssl.*) with the settings to reach and authenticate to the --bootstrap-servers cluster.
        --external-url URL: the http(s) URL clients reach Cairn at (behind a reverse proxy, the
        proxy's); the token realm is built from it. Default: the environment variable
        CAIRN_EXTERNAL_URL, else the Host header of each request.
        bench --trust-only: only the content-trust and credential loads; --profile DIR: one Flight
        Recorder file per slice of those loads (DIR/roundN-LOAD-SLICE.jfr, for `jfr print`).
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "serve" -> serve(rest, System.out);
      case "bench" -> new Bench(BenchOptions.parse(rest), System.out).run();
      case "help", "--help", "-h" -> System.out.print(USAGE);
      default -> {
        System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
        System.exit(2);
      }
    }
  }

  private static void serve(String[] args, PrintStream out) throws Exception {
    long started = System.nanoTime();
    CairnConfig config;
    try {
      config = withEnvironment(parse(args), System.getenv("CAIRN_EXTERNAL_URL"));
    } catch (TokenRealm.InvalidExternalUrl e) {
      System.err.println("cairn: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      System.err.print(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    String adminPassword = System.getenv("CAIRN_ADMIN_PASSWORD");
    if (adminPassword != null && !adminPassword.isEmpty()) {
      config = config.withAdminPassword(adminPassword);
    }
    // The hook exists before anything starts: a SIGTERM that lands while starting (even just as
    // /readyz turns 200) waits for the start to finish and then closes cleanly. Without it the
    // projection never leaves its consumer group and the next start waits out a session timeout.
    AtomicReference<Cairn> running = new AtomicReference<>();
    CountDownLatch startFinished = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  awaitUninterruptibly(startFinished);
                  Cairn toClose = running.get();
                  if (toClose != null) {
                    toClose.close();
                  }
                },
                "cairn-shutdown"));
    Cairn cairn;
    try {
      cairn = Cairn.start(config);
      running.set(cairn);
    } catch (IllegalStateException | IllegalArgumentException e) {
      startFinished.countDown(); // before exit(), whose hooks wait for it
      System.err.println("cairn: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    } finally {
      startFinished.countDown();
    }
    // Before the ready line, so whoever waits for that line has the password too.
    cairn
        .generatedAdminPassword()
        .ifPresent(
            password ->
                out.printf(
                    "Created user admin with password %s%n"
                        + "  (shown this once; set CAIRN_ADMIN_PASSWORD before the first start to"
                        + " choose it)%n",
                    password));
    out.printf(
        "Cairn ready at %s (Kafka %s, data %s) in %.1f s%n",
        cairn.url(),
        cairn.bootstrapServers(),
        config.dataDir().toAbsolutePath(),
        (System.nanoTime() - started) / 1e9);
    Thread.currentThread().join(); // until the shutdown hook ends the JVM
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // a shutdown hook must finish its job; keep waiting
      }
    }
  }

  static CairnConfig parse(String[] args) {
    CairnConfig config = CairnConfig.defaults(Path.of("data"));
    Path dataDir = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--listen" -> config = config.withListen(host(value), port(value));
        case "--data-dir" -> dataDir = Path.of(value);
        case "--bootstrap-servers" -> config = config.withBootstrapServers(value);
        case "--kafka-client-config" -> config = config.withKafkaClientConfig(Path.of(value));
        case "--kafka-listen" -> config = config.withKafkaListen(host(value), port(value));
        case "--schema-registry-url" -> config = config.withSchemaRegistryUrl(value);
        case "--external-url" -> config = config.withExternalUrl(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (config.kafkaClientConfig() != null && config.bootstrapServers() == null) {
      throw new IllegalArgumentException(
          "--kafka-client-config needs --bootstrap-servers (the embedded broker makes its own"
              + " credentials)");
    }
    return dataDir == null ? config : config.withDataDir(dataDir);
  }

  /** {@code externalUrl} from the environment, unless the command line set one (which wins). */
  static CairnConfig withEnvironment(CairnConfig config, String externalUrl) {
    if (config.externalUrl() != null || externalUrl == null || externalUrl.isEmpty()) {
      return config;
    }
    return config.withExternalUrl(externalUrl);
  }

  private static String host(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
    }
    return hostPort.substring(0, colon);
  }

  private static int port(String hostPort) {
    try {
      return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
    }
  }
}

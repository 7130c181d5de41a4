package io.cairn.ops;

import io.cairn.api.auth.TokenRealm;
import io.cairn.ops.bench.Bench;
import io.cairn.ops.bench.BenchOptions;
import io.cairn.ops.bench.ReplicationBench;
import io.cairn.ops.bench.ReplicationSyncBench;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code cairn serve|bench|version|help}: the command line. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  static final String ENVIRONMENT =
      """
      Environment:
        CAIRN_ADMIN_PASSWORD  serve: the password of user admin when the first start creates it
                              (default: generated and printed once; on later starts it is
                              ignored, with a warning if it differs); bench --target: admin's
                              password on that Cairn
        CAIRN_EXTERNAL_URL    serve: the default of --external-url
        CAIRN_JAVA_OPTS       the JVM options ./cairn starts java with (default: -Xmx1g)
      """;

  static final String USAGE =
      """
      usage: cairn <command> [options]

      Commands:
        serve     run the registry (see cairn serve --help)
        bench     measure a Cairn, and CNCF distribution beside it (see cairn bench --help)
        version   print Cairn's version (also: cairn --version)
        help      print this text (also: cairn --help); cairn help COMMAND: its options
      Every command takes --help (-h).

      """
          + ENVIRONMENT;

  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command {@code args} name and returns its exit code: 0, 1 (could not start) or 2 (bad
   * command line, said in one line on {@code err}). {@code serve} returns only if it did not start.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    boolean help = Arrays.stream(rest).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    switch (args[0]) {
      case "serve" -> {
        return help ? print(out, ServeOptions.usage()) : serve(rest, out, err);
      }
      case "bench" -> {
        return help ? print(out, BenchOptions.USAGE) : bench(rest, out, err);
      }
      case "version", "--version", "-V" -> {
        return print(out, help ? "usage: cairn version\n" : "cairn " + Version.current() + "\n");
      }
      case "help", "--help", "-h" -> {
        return print(out, rest.length == 1 ? usageOf(rest[0]) : USAGE);
      }
      default -> {
        err.println("cairn: unknown command '" + args[0] + "' (cairn help lists them)");
        return 2;
      }
    }
  }

  private static String usageOf(String command) {
    return switch (command) {
      case "serve" -> ServeOptions.usage();
      case "bench" -> BenchOptions.USAGE;
      default -> USAGE;
    };
  }

  private static int print(PrintStream out, String text) {
    out.print(text);
    return 0;
  }

  private static int bench(String[] args, PrintStream out, PrintStream err) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("cairn: " + e.getMessage() + " (cairn bench --help lists the options)");
      return 2;
    }
    if (options.replicationSync()) {
      // a run whose copies are not all there fails, whatever its speed
      return new ReplicationSyncBench(
                  options.images(), options.rounds(), options.peer(), options.profile(), out)
              .run()
              .complete()
          ? 0
          : 1;
    }
    if (options.replication()) {
      // the lag's counts say whether every image arrived: a run where some did not fails
      return new ReplicationBench(options.rate(), options.seconds(), options.warmup(), out)
              .run()
              .complete()
          ? 0
          : 1;
    }
    new Bench(options, out).run();
    return 0;
  }

  private static int serve(String[] args, PrintStream out, PrintStream err) throws Exception {
    long started = System.nanoTime();
    CairnConfig config;
    try {
      config = withEnvironment(ServeOptions.parse(args), System.getenv("CAIRN_EXTERNAL_URL"));
    } catch (TokenRealm.InvalidExternalUrl e) {
      err.println("cairn: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("cairn: " + e.getMessage() + " (cairn serve --help lists the options)");
      return 2;
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
                    long stopping = System.nanoTime();
                    toClose.close();
                    LOG.info(
                        "Cairn stopped in {} s",
                        String.format("%.1f", (System.nanoTime() - stopping) / 1e9));
                  }
                },
                "cairn-shutdown"));
    Cairn cairn;
    try {
      cairn = Cairn.start(config);
      running.set(cairn);
    } catch (IllegalStateException | IllegalArgumentException e) {
      startFinished.countDown(); // before exit(), whose hooks wait for it
      err.println("cairn: cannot start: " + e.getMessage());
      return 1;
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
    return 0;
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

  /** {@code externalUrl} from the environment, unless the command line set one (which wins). */
  static CairnConfig withEnvironment(CairnConfig config, String externalUrl) {
    if (config.externalUrl() != null || externalUrl == null || externalUrl.isEmpty()) {
      return config;
    }
    return config.withExternalUrl(externalUrl);
  }
}

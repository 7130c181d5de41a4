package io.cairn.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The options of {@code cairn serve}: one table that both parses the command line and writes the
 * usage, so no option can be accepted without being documented, or documented with a default the
 * code does not have.
 */
final class ServeOptions {
  /** The default data directory, relative to the working directory. */
  static final String DATA_DIR = "data";

  private static final int WIDTH = 92;

  /**
   * One option: {@code value} names its argument ({@code null}: a flag), {@code byDefault} what
   * holds without it, {@code apply} how it changes the configuration (a flag is given {@code
   * null}).
   */
  record Option(
      String name,
      String value,
      String help,
      String byDefault,
      BiFunction<CairnConfig, String, CairnConfig> apply) {}

  private ServeOptions() {}

  static List<Option> all() {
    CairnConfig d = CairnConfig.defaults(Path.of(DATA_DIR));
    return List.of(
        new Option(
            "--listen",
            "HOST:PORT",
            "where the HTTP API listens",
            d.listenHost() + ":" + d.listenPort(),
            (c, v) -> c.withListen(host(v), port(v))),
        new Option(
            "--data-dir",
            "DIR",
            "blobs, Kafka Streams state, keys, and the embedded broker's data",
            "./" + DATA_DIR,
            (c, v) -> c.withDataDir(Path.of(v))),
        new Option(
            "--kafka-listen",
            "HOST:PORT",
            "the embedded broker's client listener (SASL/SCRAM only; read-only credentials for"
                + " outside consumers: DIR/kafka/audit-client.properties)",
            d.kafkaHost() + ":" + d.kafkaPort(),
            (c, v) -> c.withKafkaListen(host(v), port(v))),
        new Option(
            "--bootstrap-servers",
            "H:P[,H:P]",
            "use this Kafka cluster and start no broker",
            "none: an embedded single-node broker",
            CairnConfig::withBootstrapServers),
        new Option(
            "--kafka-client-config",
            "FILE",
            "with --bootstrap-servers: a Kafka client properties file with the settings to reach"
                + " and authenticate to that cluster (security.protocol, sasl.*, ssl.*)",
            "none",
            (c, v) -> c.withKafkaClientConfig(Path.of(v))),
        new Option(
            "--schema-registry-url",
            "URL",
            "a Confluent-compatible schema registry to use",
            "Cairn's own, at /schema-registry, kept in topic _schemas",
            CairnConfig::withSchemaRegistryUrl),
        new Option(
            "--external-url",
            "URL",
            "the http(s) URL clients reach Cairn at (behind a reverse proxy, the proxy's); the"
                + " token realm is built from it",
            "$CAIRN_EXTERNAL_URL, else the Host header of each request",
            CairnConfig::withExternalUrl),
        new Option(
            "--access-log",
            null,
            "log one line per HTTP request to stdout (client, user, method, path without query,"
                + " status, bytes sent, ms)",
            "off",
            (c, v) -> c.withAccessLog(true)));
  }

  /**
   * The configuration {@code args} ask for, over the defaults.
   *
   * @throws IllegalArgumentException (one line) for an unknown option, a missing or bad value
   */
  static CairnConfig parse(String[] args) {
    CairnConfig config = CairnConfig.defaults(Path.of(DATA_DIR));
    List<Option> options = all();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      Option option =
          options.stream()
              .filter(o -> o.name().equals(flag))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown option " + flag));
      String value = null;
      if (option.value() != null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value (" + option.value() + ")");
        }
        value = args[++i];
      }
      config = option.apply().apply(config, value);
    }
    if (config.kafkaClientConfig() != null && config.bootstrapServers() == null) {
      throw new IllegalArgumentException(
          "--kafka-client-config needs --bootstrap-servers (the embedded broker makes its own"
              + " credentials)");
    }
    return config;
  }

  /** {@code cairn serve --help}. */
  static String usage() {
    StringBuilder out =
        new StringBuilder(
            """
            usage: cairn serve [options]

            Runs Cairn: OCI distribution at /v2/ and Harbor's API at /api/v2.0/, on its own
            Kafka broker unless --bootstrap-servers is given. SIGTERM or Ctrl-C stops it.

            Options:
            """);
    for (Option option : all()) {
      out.append("  ")
          .append(option.name())
          .append(option.value() == null ? "" : " " + option.value())
          .append("\n")
          .append(wrap(option.help() + " (default: " + option.byDefault() + ")"));
    }
    out.append("  -h, --help\n        print this text\n\n").append(Main.ENVIRONMENT);
    return out.toString();
  }

  /** {@code text} in lines of at most ~{@value #WIDTH} columns, each indented 8. */
  private static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    for (String word : text.split(" ")) {
      if (out.length() > lineStart && out.length() - lineStart + word.length() + 1 > WIDTH) {
        out.append('\n');
        lineStart = out.length();
      }
      out.append(out.length() == lineStart ? "        " : " ").append(word);
    }
    return out.append('\n').toString();
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

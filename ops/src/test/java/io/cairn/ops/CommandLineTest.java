package io.cairn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.bench.BenchOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The command line without starting anything: help, version, usage, and bad input. */
class CommandLineTest {

  /** What one {@link Main#run} printed and returned. */
  private record Ran(int code, String out, String err) {}

  private static Ran run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandTakesHelpAndAnswersOnStdoutWithExitCode0() throws Exception {
    for (List<String> args :
        List.of(
            List.of("serve", "--help"),
            List.of("serve", "-h"),
            List.of("serve", "--listen", "127.0.0.1:1", "--help"),
            List.of("help", "serve"))) {
      Ran ran = run(args.toArray(String[]::new));
      assertEquals(0, ran.code(), args + ": " + ran.err());
      assertTrue(ran.out().startsWith("usage: cairn serve"), args + ": " + ran.out());
      assertEquals("", ran.err(), args.toString());
    }
    for (String flag : List.of("--help", "-h")) {
      Ran bench = run("bench", flag);
      assertEquals(0, bench.code());
      assertEquals(BenchOptions.USAGE, bench.out());
      assertTrue(run("version", flag).out().startsWith("usage: cairn version"));
    }
    for (String help : List.of("help", "--help", "-h")) {
      Ran ran = run(help);
      assertEquals(0, ran.code());
      assertEquals(Main.USAGE, ran.out());
    }
  }

  @Test
  void theUsageListsEveryCommandAndEnvironmentVariable() throws Exception {
    String usage = run("help").out();
    for (String command : List.of("serve", "bench", "version", "help")) {
      assertTrue(usage.contains("\n  " + command + " "), command + " missing:\n" + usage);
    }
    for (String variable :
        List.of("CAIRN_ADMIN_PASSWORD", "CAIRN_EXTERNAL_URL", "CAIRN_JAVA_OPTS", "-Xmx1g")) {
      assertTrue(usage.contains(variable), variable + " missing:\n" + usage);
      assertTrue(ServeOptions.usage().contains(variable), variable + " missing from serve");
    }
    Ran none = run();
    assertEquals(2, none.code(), "no command is a usage error");
    assertEquals(Main.USAGE, none.err());
  }

  @Test
  void serveUsageListsEveryOptionTheParserTakesWithItsDefault() {
    String usage = ServeOptions.usage();
    for (ServeOptions.Option option : ServeOptions.all()) {
      String head =
          "\n  " + option.name() + (option.value() == null ? "" : " " + option.value()) + "\n";
      int at = usage.indexOf(head);
      assertTrue(at >= 0, option.name() + " missing:\n" + usage);
      String described =
          usage
              .substring(at + head.length())
              .lines()
              .takeWhile(l -> l.startsWith("        "))
              .map(String::strip)
              .collect(Collectors.joining(" "));
      assertTrue(
          usage.substring(at).lines().takeWhile(l -> !l.isEmpty()).allMatch(l -> l.length() <= 100),
          "lines of at most 100 columns:\n" + usage);
      assertTrue(
          described.endsWith("(default: " + option.byDefault() + ")"),
          option.name() + ": " + described);
    }
    CairnConfig defaults = CairnConfig.defaults(Path.of("data"));
    assertTrue(usage.contains("(default: " + defaults.listenHost() + ":" + defaults.listenPort()));
    assertTrue(usage.contains("(default: " + defaults.kafkaHost() + ":" + defaults.kafkaPort()));
    assertTrue(usage.contains("--access-log\n"), usage);
  }

  @Test
  void optionsChangeTheConfigurationTheyName() {
    CairnConfig config =
        ServeOptions.parse(
            new String[] {
              "--listen",
              "0.0.0.0:5001",
              "--data-dir",
              "/srv/cairn",
              "--kafka-listen",
              "127.0.0.1:9093",
              "--access-log",
              "--schema-registry-url",
              "http://sr:8081"
            });
    assertEquals("0.0.0.0", config.listenHost());
    assertEquals(5001, config.listenPort());
    assertEquals(Path.of("/srv/cairn"), config.dataDir());
    assertEquals(9093, config.kafkaPort());
    assertTrue(config.accessLog());
    assertEquals("http://sr:8081", config.schemaRegistryUrl());
    CairnConfig defaults = ServeOptions.parse(new String[0]);
    assertFalse(defaults.accessLog(), "the access log is off by default");
    assertEquals(Path.of("data"), defaults.dataDir());
  }

  @Test
  void badInputIsOneLineOnStderrAndExitCode2() throws Exception {
    for (List<String> args :
        List.of(
            List.of("serve", "--bogus", "x"),
            List.of("serve", "--listen"),
            List.of("serve", "--listen", "nohost"),
            List.of("serve", "--kafka-client-config", "/etc/k.properties"),
            List.of("bench", "--bogus"),
            List.of("frobnicate"))) {
      Ran ran = run(args.toArray(String[]::new));
      assertEquals(2, ran.code(), args + ": " + ran.err());
      assertEquals("", ran.out(), args.toString());
      assertEquals(1, ran.err().lines().count(), args + ": " + ran.err());
      assertTrue(ran.err().startsWith("cairn: "), ran.err());
    }
    assertTrue(run("serve", "--bogus").err().contains("unknown option --bogus"));
    assertTrue(run("serve", "--listen").err().contains("--listen needs a value"));
  }

  @Test
  void theVersionIsTheMavenProjectVersion() throws Exception {
    // ops inherits its version from the parent: the <version> inside <parent>.
    Matcher pom =
        Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(pom.find(), "no version in ops/pom.xml");
    String version = pom.group(1);
    for (String command : List.of("--version", "version", "-V")) {
      Ran ran = run(command);
      assertEquals(0, ran.code());
      assertEquals("cairn " + version + "\n", ran.out());
    }
  }
}

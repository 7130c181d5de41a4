package io.cairn.ops.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.clients.Skopeo;
import io.cairn.ops.kafka.EmbeddedKafka;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.OciLayoutBlob;
import io.cairn.ops.testing.OciLayoutImage;
import io.cairn.ops.testing.OciLayoutReader;
import io.cairn.ops.testing.OciLayoutWriter;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it: {@code cairn serve} in a JVM of its own, with its own embedded
 * KRaft broker (not the tests' shared one) and a data directory that outlives the process.
 */
class LauncherTest {
  private static final String READY = "Cairn ready at";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String IGNORED = "CAIRN_ADMIN_PASSWORD is ignored";

  private static final Pattern ADMIN_PASSWORD =
      Pattern.compile("Created user admin with password (\\S+)");

  @Test
  void servesStopsOnSigtermAndRestartsWithItsImages(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    int port = freePort();
    int kafkaPort = freePort();
    String base = "http://127.0.0.1:" + port;
    List<String> serve =
        List.of(
            "serve",
            "--listen",
            "127.0.0.1:" + port,
            "--data-dir",
            data.toString(),
            "--kafka-listen",
            "127.0.0.1:" + kafkaPort);
    Skopeo anySkopeo = new Skopeo(Files.createDirectories(tmp.resolve("skopeo")), START_TIMEOUT);
    Skopeo skopeo;
    OciLayoutWriter layout = OciLayoutWriter.create(tmp.resolve("layout"));
    OciLayoutImage image = OciLayoutImage.generated(7, 32);
    layout.tag("v1", image);
    String ref = "docker://127.0.0.1:" + port + "/library/launched:v1";
    Path bootstrapFile = data.resolve("kafka").resolve(EmbeddedKafka.BOOTSTRAP_FILE);

    Run cold;
    try (ChildJvm first = ChildJvm.start(serve, READY)) {
      // The moment /readyz says so, a push into project library must work: poll it, not the log.
      pollUntilReady(base);
      get(base + "/api/v2.0/projects/library", 200);
      cold = new Run(first.awaitReady(START_TIMEOUT), first.readyLine());
      // No CAIRN_ADMIN_PASSWORD in the child's environment: the password is generated, shown once.
      Matcher shown = ADMIN_PASSWORD.matcher(first.output());
      assertTrue(shown.find(), "no generated admin password in: " + first.output());
      skopeo = anySkopeo.as(new Login("admin", shown.group(1)));
      assertReady(base);
      assertEquals("127.0.0.1:" + kafkaPort, Files.readString(bootstrapFile).strip());
      for (String dir : List.of("kafka", "blobs", "state")) {
        assertTrue(Files.isDirectory(data.resolve(dir)), dir + " missing from " + data);
      }
      skopeo.copy(layout.reference("v1"), ref).expectSuccess();
      cold.stop(first);
      assertQuiet(first.output());
    }
    assertFalse(Files.exists(bootstrapFile), "a clean stop removes the broker's address");

    Run warm;
    String notAdmins = "Not-Admins-Passw0rd";
    try (ChildJvm second =
        ChildJvm.start(serve, READY, Map.of("CAIRN_ADMIN_PASSWORD", notAdmins))) {
      warm = new Run(second.awaitReady(START_TIMEOUT), second.readyLine());
      assertFalse(
          ADMIN_PASSWORD.matcher(second.output()).find(), "the password is shown only once");
      assertTrue(
          second.output().contains("WARN") && second.output().contains(IGNORED),
          "the ignored CAIRN_ADMIN_PASSWORD is said:\n" + second.output());
      assertFalse(second.output().contains(notAdmins), second.output());
      assertReady(base);
      JsonObject tags = new JsonObject(get(base + "/v2/library/launched/tags/list", 200));
      assertEquals(List.of("v1"), tags.getJsonArray("tags").getList(), tags.encode());
      assertArrayEquals(image.manifest().bytes(), Skopeo.bytes(skopeo.inspectRaw(ref)));
      Path pulled = tmp.resolve("pulled");
      skopeo.copy(ref, "oci:" + pulled + ":v1").expectSuccess();
      for (OciLayoutBlob blob : image.blobs()) {
        assertArrayEquals(blob.bytes(), new OciLayoutReader(pulled).blob(blob.digest()));
      }
      warm.stop(second);
      assertQuiet(second.output());
    }
    System.out.printf(
        "LauncherTest: process start → '%s': cold %d ms, warm %d ms;"
            + " SIGTERM → exit: %d ms (code %d), %d ms (code %d)%n  cold: %s%n  warm: %s%n",
        READY,
        cold.toReady.toMillis(),
        warm.toReady.toMillis(),
        cold.toExit.toMillis(),
        cold.exit,
        warm.toExit.toMillis(),
        warm.exit,
        cold.line,
        warm.line);
  }

  @Test
  void anUnknownOptionIsOneLineAndExitCode2() throws Exception {
    try (ChildJvm child = ChildJvm.start(List.of("serve", "--bogus", "x"), READY)) {
      int exit = child.awaitExit(Duration.ofSeconds(60));
      String output = child.output();
      assertEquals(2, exit, output);
      assertEquals(
          "cairn: unknown option --bogus (cairn serve --help lists the options)", output.strip());
    }
  }

  @Test
  void helpAndVersionExitWith0AndStartNothing() throws Exception {
    Map<List<String>, String> expected =
        Map.of(
            List.of("serve", "--help"), "usage: cairn serve [options]",
            List.of("--version"), "cairn 0.",
            List.of("help"), "usage: cairn <command> [options]");
    for (Map.Entry<List<String>, String> call : expected.entrySet()) {
      try (ChildJvm child = ChildJvm.start(call.getKey(), READY)) {
        int exit = child.awaitExit(Duration.ofSeconds(60));
        String output = child.output();
        assertEquals(0, exit, call.getKey() + ": " + output);
        assertTrue(output.startsWith(call.getValue()), call.getKey() + ": " + output);
        assertFalse(
            output.contains(" INFO ") || output.contains(" WARN "), "nothing started: " + output);
      }
    }
  }

  @Test
  void aBadExternalUrlIsOneLineAndExitCode2() throws Exception {
    List<ChildJvm> children =
        List.of(
            ChildJvm.start(List.of("serve", "--external-url", "ftp://registry.example"), READY),
            ChildJvm.start(
                List.of("serve"), READY, Map.of("CAIRN_EXTERNAL_URL", "https://reg.example/?x")));
    List<String> whys = List.of("must start with http:// or https://", "must not have a query");
    for (int i = 0; i < children.size(); i++) {
      try (ChildJvm child = children.get(i)) {
        int exit = child.awaitExit(Duration.ofSeconds(60));
        String output = child.output().strip();
        assertEquals(2, exit, output);
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.startsWith("cairn: external URL '"), output);
        assertTrue(output.contains(whys.get(i)), output);
      }
    }
  }

  @Test
  void aBadKafkaClientConfigStopsTheStartInOneLine(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("missing.properties");
    Path cairnsOwn = Files.writeString(tmp.resolve("acks.properties"), "acks=0\n");
    Map<Path, String> expected =
        Map.of(
            missing,
            "cairn: cannot start: Kafka client config " + missing + ": no such file",
            cairnsOwn,
            "cairn: cannot start: Kafka client config "
                + cairnsOwn
                + ": 'acks' is not a connection or security setting");
    for (Map.Entry<Path, String> bad : expected.entrySet()) {
      List<String> serve =
          List.of(
              "serve",
              "--data-dir",
              tmp.resolve("data").toString(),
              "--bootstrap-servers",
              "127.0.0.1:1",
              "--kafka-client-config",
              bad.getKey().toString());
      try (ChildJvm child = ChildJvm.start(serve, READY)) {
        int exit = child.awaitExit(Duration.ofSeconds(60));
        String output = child.output();
        assertEquals(1, exit, output);
        List<String> said = output.lines().filter(l -> l.startsWith("cairn:")).toList();
        assertEquals(1, said.size(), output);
        assertTrue(said.get(0).startsWith(bad.getValue()), output);
        assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
      }
    }
    try (ChildJvm child =
        ChildJvm.start(List.of("serve", "--kafka-client-config", missing.toString()), READY)) {
      assertEquals(2, child.awaitExit(Duration.ofSeconds(60)), child.output());
      assertTrue(
          child.output().contains("--kafka-client-config needs --bootstrap-servers"),
          child.output());
    }
  }

  /** An ordinary start and stop logs none of Kafka's expected notices (ExpectedKafkaNotices). */
  private static void assertQuiet(String output) {
    for (String notice :
        List.of(
            "Performing controller activation",
            "Processing exception handler is not enabled",
            "with error 'TOPIC_ALREADY_EXISTS'",
            "Attempting to close NetworkClient")) {
      assertFalse(output.contains(notice), notice + " in:\n" + output);
    }
  }

  /** One start of the launcher: time to the ready line, the line, and how it stopped. */
  private static final class Run {
    final Duration toReady;
    final String line;
    Duration toExit;
    int exit = -1;

    Run(Duration toReady, String line) {
      this.toReady = toReady;
      this.line = line;
    }

    /** SIGTERM runs the shutdown hook; the JVM then exits 143 (128 + 15), or 0 if Main returned. */
    void stop(ChildJvm child) throws InterruptedException {
      long began = System.nanoTime();
      exit = child.terminate(STOP_TIMEOUT);
      toExit = Duration.ofNanos(System.nanoTime() - began);
      assertTrue(exit == 0 || exit == 143, "exit code " + exit + ":\n" + child.output());
    }
  }

  private void pollUntilReady(String base) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/readyz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the HTTP server starts last
      }
      Thread.sleep(20);
    }
    throw new AssertionError("/readyz never answered 200");
  }

  private void assertReady(String base) throws Exception {
    JsonObject ready = new JsonObject(get(base + "/readyz", 200));
    assertEquals("ready", ready.getString("status"), ready.encode());
  }

  private String get(String url, int status) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), url + " → " + response.body());
    return response.body();
  }

  /** A loopback port that was free a moment ago. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

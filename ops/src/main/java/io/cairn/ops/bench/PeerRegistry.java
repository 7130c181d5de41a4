package io.cairn.ops.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CNCF distribution (Debian's {@code docker-registry}) on a loopback port, with filesystem storage
 * in a temporary folder and its in-memory blob descriptor cache: the peer the benchmark compares
 * against, and the plain OCI registry that replication tests push to and pull from.
 */
public final class PeerRegistry implements AutoCloseable {
  public static final String BINARY = "docker-registry";

  private final Process process;
  private final int port;

  private PeerRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, BINARY))) {
        return true;
      }
    }
    return false;
  }

  public static PeerRegistry start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return start(dir, port);
  }

  /**
   * Starts on {@code port}, over what {@code dir} holds: a registry killed comes back as it was.
   */
  public static PeerRegistry start(Path dir, int port) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\n"
            + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n"
            + "  delete:\n    enabled: true\n  cache:\n    blobdescriptor: inmemory\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    Process process =
        new ProcessBuilder(BINARY, "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    PeerRegistry peer = new PeerRegistry(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!peer.accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        peer.close();
        throw new IOException("docker-registry did not start; see " + dir.resolve("registry.log"));
      }
      Thread.sleep(50);
    }
    return peer;
  }

  private boolean accepts() {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Kills the process at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

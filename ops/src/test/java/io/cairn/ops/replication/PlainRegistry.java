package io.cairn.ops.replication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (CNCF distribution 2.8) on a free loopback port, anonymous, with
 * its storage under a test folder: a replication endpoint of type {@code docker-registry}.
 */
final class PlainRegistry implements AutoCloseable {
  private final Process process;
  private final int port;

  private PlainRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PlainRegistry start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\n"
            + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    Process process =
        new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    PlainRegistry registry = new PlainRegistry(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!registry.accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        registry.close();
        throw new IOException("docker-registry did not start; see " + dir.resolve("registry.log"));
      }
      Thread.sleep(50);
    }
    return registry;
  }

  /** A loopback port nothing listens on (as far as anyone can tell). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean accepts() {
    try {
      new Socket("127.0.0.1", port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

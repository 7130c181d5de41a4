package io.cairn.replication.testing;

import io.cairn.replication.oci.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution 2.8 (Debian's {@code docker-registry}) on a loopback port: filesystem
 * storage in a temporary folder, deletes enabled, the access log on (tests count the requests it
 * saw), and optionally htpasswd Basic auth.
 */
public final class RegistryProcess implements AutoCloseable {
  /** The user and password of {@link #withBasicAuth}. */
  public static final String USER = "replicator";

  public static final String PASSWORD = "s3cret";

  /** bcrypt (cost 4, cheap to check) of {@link #PASSWORD}, made with Python's crypt module. */
  private static final String HTPASSWD_LINE =
      USER + ":$2b$04$jxtKIWYNMb93F7QKEOySief.ONDa4FyzRr.qD43gcYB4R62lvlHEi\n";

  private final Process process;
  private final int port;
  private final Path log;

  private RegistryProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static RegistryProcess start(Path dir) throws IOException, InterruptedException {
    return start(dir, false);
  }

  public static RegistryProcess withBasicAuth(Path dir) throws IOException, InterruptedException {
    return start(dir, true);
  }

  private static RegistryProcess start(Path dir, boolean basicAuth)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    String auth = "";
    if (basicAuth) {
      Path htpasswd = dir.resolve("htpasswd");
      Files.writeString(htpasswd, HTPASSWD_LINE);
      auth = "auth:\n  htpasswd:\n    realm: cairn-test\n    path: " + htpasswd + "\n";
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\n"
            + "log:\n  level: error\n  accesslog:\n    disabled: false\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n  delete:\n    enabled: true\n  cache:\n    blobdescriptor: inmemory\n"
            + auth
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    Path log = dir.resolve("registry.log");
    Process process =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RegistryProcess registry = new RegistryProcess(process, port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!accepts(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        registry.close();
        throw new IOException("docker-registry did not start: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    return registry;
  }

  /** A port nothing listens on (for "unreachable" tests). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Endpoint anonymous() {
    return Endpoint.anonymous(url());
  }

  public Endpoint withCredentials(String user, String password) {
    return new Endpoint(url(), user, password, false);
  }

  /** How many access-log lines contain {@code fragment} (e.g. {@code "PATCH /v2/a/b/blobs"}). */
  public long requestsMatching(String fragment) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains(fragment)).count();
  }

  /** The line number of the first access-log line containing {@code fragment}, or -1. */
  public long lineOf(String fragment) throws IOException {
    List<String> lines = Files.readAllLines(log);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean accepts(int port) {
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

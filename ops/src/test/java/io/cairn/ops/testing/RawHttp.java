package io.cairn.ops.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * One HTTP/1.1 exchange written byte for byte, for what no HTTP client sends as asked: a chosen
 * {@code Host}, a request target with characters a URI may not hold.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * Sends {@code method target} with {@code Host: host}, the {@code headers} given as whole lines
   * ({@code "Authorization: Basic …"}) and no body, on a connection of its own; returns the whole
   * answer as text (ISO-8859-1), head and body.
   */
  public static String exchange(
      String baseUrl, String method, String target, String host, String... headers)
      throws Exception {
    return exchangeFrom(null, baseUrl, method, target, host, headers);
  }

  /**
   * As {@link #exchange}, from the loopback address {@code local} ({@code 127.0.0.2}, …), so a test
   * can be a second client machine; {@code null} lets the system choose.
   */
  public static String exchangeFrom(
      String local, String baseUrl, String method, String target, String host, String... headers)
      throws Exception {
    URI base = URI.create(baseUrl);
    try (Socket socket =
        local == null
            ? new Socket(base.getHost(), base.getPort())
            : new Socket(base.getHost(), base.getPort(), InetAddress.getByName(local), 0)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\n"
              + String.join("", Stream.of(headers).map(h -> h + "\r\n").toList())
              + "Content-Length: 0\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** The value of the first {@code name} header of an answer {@link #exchange} returned. */
  public static String header(String answer, String name) {
    String prefix = name + ":";
    return answer
        .lines()
        .takeWhile(line -> !line.isEmpty())
        .filter(line -> line.regionMatches(true, 0, prefix, 0, prefix.length()))
        .map(line -> line.substring(prefix.length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + answer));
  }
}

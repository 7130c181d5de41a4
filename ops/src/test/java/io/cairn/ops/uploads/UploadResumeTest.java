package io.cairn.ops.uploads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.oci.Digest;
import io.cairn.ops.testing.Login;
import io.cairn.ops.testing.SharedKafka;
import io.cairn.ops.testing.TestCairn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A chunked upload interrupted by a restart of Cairn resumes where it stood. */
@ExtendWith(SharedKafka.class)
class UploadResumeTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void chunkedUploadSurvivesARestart(@TempDir Path data) throws Exception {
    byte[] blob = new byte[300_000];
    new Random(7).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    TestCairn cairn = TestCairn.start(data);
    try {
      HttpResponse<String> started =
          send(
              cairn,
              HttpRequest.newBuilder(URI.create(cairn.url() + "/v2/library/resume/blobs/uploads/"))
                  .header("Authorization", Login.ADMIN.basic())
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals(202, started.statusCode(), started.body());
      String location = started.headers().firstValue("Location").orElseThrow();
      HttpResponse<String> first = patch(cairn, location, Arrays.copyOfRange(blob, 0, 100_000), 0);
      assertEquals(202, first.statusCode(), first.body());
      assertEquals("0-99999", first.headers().firstValue("Range").orElseThrow());

      cairn = cairn.restart();

      HttpResponse<String> status =
          send(
              cairn,
              HttpRequest.newBuilder(URI.create(cairn.url() + location))
                  .header("Authorization", Login.ADMIN.basic())
                  .GET());
      assertEquals(204, status.statusCode());
      assertEquals(
          "0-99999",
          status.headers().firstValue("Range").orElseThrow(),
          "the restart kept the received bytes");
      assertEquals(
          202,
          patch(cairn, location, Arrays.copyOfRange(blob, 100_000, 250_000), 100_000).statusCode());
      HttpResponse<String> put =
          send(
              cairn,
              HttpRequest.newBuilder(URI.create(cairn.url() + location + "?digest=" + digest))
                  .header("Authorization", Login.ADMIN.basic())
                  .PUT(
                      HttpRequest.BodyPublishers.ofByteArray(
                          Arrays.copyOfRange(blob, 250_000, blob.length))));
      assertEquals(201, put.statusCode(), put.body());
      HttpResponse<byte[]> pulled =
          http.send(
              HttpRequest.newBuilder(URI.create(cairn.url() + "/v2/library/resume/blobs/" + digest))
                  .header("Authorization", Login.ADMIN.basic())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, pulled.statusCode());
      assertArrayEquals(blob, pulled.body());
    } finally {
      cairn.close();
    }
  }

  private HttpResponse<String> patch(TestCairn cairn, String location, byte[] chunk, long start)
      throws Exception {
    return send(
        cairn,
        HttpRequest.newBuilder(URI.create(cairn.url() + location))
            .header("Authorization", Login.ADMIN.basic())
            .header("Content-Type", "application/octet-stream")
            .header("Content-Range", start + "-" + (start + chunk.length - 1))
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)));
  }

  private HttpResponse<String> send(TestCairn cairn, HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

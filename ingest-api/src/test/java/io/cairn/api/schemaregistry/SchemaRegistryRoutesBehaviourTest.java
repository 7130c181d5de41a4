package io.cairn.api.schemaregistry;

import static io.cairn.api.schemaregistry.Schemas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.schemaregistry.InMemorySchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistryError;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the table cannot show: effects across calls, store failures, and threading. */
class SchemaRegistryRoutesBehaviourTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MEDIA = SchemaRegistryRoutesTest.MEDIA;

  private static HttpResponse<String> call(
      RegistryServer server, String method, String path, String body) throws Exception {
    return callAsync(server, method, path, body).get(10, TimeUnit.SECONDS);
  }

  private static CompletableFuture<HttpResponse<String>> callAsync(
      RegistryServer server, String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", MEDIA)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String schemaBody(String schema) {
    return new JsonObject().put("schema", schema).encode();
  }

  @Test
  void writesAreVisibleToLaterReads() throws Exception {
    try (RegistryServer server = new RegistryServer(new InMemorySchemaRegistry())) {
      assertEquals(
          "{\"id\":1}", call(server, "POST", "/subjects/s/versions", schemaBody(NAME)).body());
      assertEquals(
          "{\"id\":2}", call(server, "POST", "/subjects/s/versions", schemaBody(NAME_AGE)).body());
      assertEquals("[1,2]", call(server, "GET", "/subjects/s/versions", null).body());
      call(server, "PUT", "/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
      assertEquals(
          "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}",
          call(server, "GET", "/config/s", null).body());
      call(server, "PUT", "/config/s", "{\"compatibility\":\"NONE\"}");
      assertEquals(
          "{\"compatibilityLevel\":\"NONE\"}", call(server, "GET", "/config/s", null).body());
      assertEquals(
          "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}",
          call(server, "GET", "/config", null).body());
      assertEquals(
          "{\"id\":3}",
          call(server, "POST", "/subjects/s/versions", schemaBody(NAME_EMAIL)).body());
    }
  }

  /** A registry whose every call throws what the supplier gives. */
  private static SchemaRegistry failing(Supplier<RuntimeException> failure) {
    return new ForwardingRegistry(new InMemorySchemaRegistry()) {
      @Override
      public int register(String subject, String schemaJson) {
        throw failure.get();
      }

      @Override
      public List<String> subjects() {
        throw failure.get();
      }
    };
  }

  @Test
  void storeFailuresAre500WithConfluentCodes() throws Exception {
    List<Object[]> cases =
        List.of(
            new Object[] {SchemaRegistryError.STORE_ERROR.exception("broker down"), 50001},
            new Object[] {SchemaRegistryError.OPERATION_TIMEOUT.exception("slow"), 50002},
            new Object[] {new IllegalStateException("bug"), 500});
    for (Object[] c : cases) {
      try (RegistryServer server = new RegistryServer(failing(() -> (RuntimeException) c[0]))) {
        for (HttpResponse<String> response :
            List.of(
                call(server, "POST", "/subjects/s/versions", schemaBody(NAME)),
                call(server, "GET", "/subjects", null))) {
          assertEquals(500, response.statusCode());
          assertEquals(c[1], new JsonObject(response.body()).getInteger("error_code"));
        }
      }
    }
  }

  @Test
  void registryCallsRunOffTheEventLoop() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> onEventLoop = new CompletableFuture<>();
    SchemaRegistry slow =
        new ForwardingRegistry(new InMemorySchemaRegistry()) {
          @Override
          public int register(String subject, String schemaJson) {
            onEventLoop.complete(Context.isOnEventLoopThread());
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.register(subject, schemaJson);
          }
        };
    try (RegistryServer server = new RegistryServer(slow)) {
      CompletableFuture<HttpResponse<String>> register =
          callAsync(server, "POST", "/subjects/s/versions", schemaBody(NAME));
      assertFalse(onEventLoop.get(10, TimeUnit.SECONDS));
      // While the register blocks its worker, the server still answers.
      assertEquals(200, call(server, "GET", "/config", null).statusCode());
      assertFalse(register.isDone());
      release.countDown();
      assertEquals("{\"id\":1}", register.get(10, TimeUnit.SECONDS).body());
      assertTrue(register.isDone());
    }
  }
}

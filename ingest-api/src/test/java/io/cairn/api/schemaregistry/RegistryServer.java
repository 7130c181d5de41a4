package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** A real Vert.x server on 127.0.0.1, port 0, with the routes mounted as production mounts them. */
final class RegistryServer implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  /** The Authorization header of the last request, to check what clients send. */
  volatile String lastAuthorization;

  RegistryServer(SchemaRegistry registry) throws Exception {
    Router main = Router.router(vertx);
    main.route()
        .handler(
            ctx -> {
              lastAuthorization = ctx.request().getHeader("Authorization");
              ctx.next();
            });
    main.route("/schema-registry/*").subRouter(new SchemaRegistryRoutes(registry).router(vertx));
    server =
        vertx
            .createHttpServer()
            .requestHandler(main)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /** The registry's base URL, what {@code schema.registry.url} would be. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/schema-registry";
  }

  URI uri(String path) {
    return URI.create(baseUrl() + path);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

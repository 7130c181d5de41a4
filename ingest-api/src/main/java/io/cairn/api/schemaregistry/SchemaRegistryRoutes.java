package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaRegistryError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The route table of the Confluent schema-registry REST subset, as a sub-router to mount with
 * {@code mainRouter.route("/schema-registry/*").subRouter(new
 * SchemaRegistryRoutes(r).router(vertx))}. Endpoints run on worker threads (a Kafka-backed register
 * waits for its write to be read back) and return a {@link Reply} or throw; {@link ConfluentErrors}
 * writes every failure.
 */
public final class SchemaRegistryRoutes {
  static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Set<String> ACCEPTED_BODY_TYPES =
      Set.of(MEDIA_TYPE, "application/vnd.schemaregistry+json", "application/json");
  private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  private final SubjectsResource subjects;
  private final SchemasResource schemas;
  private final ConfigResource config;
  private final CompatibilityResource compatibility;

  public SchemaRegistryRoutes(SchemaRegistry registry) {
    this.subjects = new SubjectsResource(registry);
    this.schemas = new SchemasResource(registry);
    this.config = new ConfigResource(registry);
    this.compatibility = new CompatibilityResource(registry);
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    router.route().handler(SchemaRegistryRoutes::checkBodyType);
    router.get("/").handler(ctx -> write(ctx, Reply.raw("{}")));
    Table table = new Table(vertx, router);
    table.add(HttpMethod.GET, "/subjects", subjects::list);
    table.add(HttpMethod.POST, "/subjects/:subject/versions", subjects::register);
    table.add(HttpMethod.GET, "/subjects/:subject/versions", subjects::versions);
    table.add(HttpMethod.GET, "/subjects/:subject/versions/:version", subjects::version);
    table.add(HttpMethod.GET, "/subjects/:subject/versions/:version/schema", subjects::rawSchema);
    table.add(HttpMethod.GET, "/schemas/ids/:id", schemas::byId);
    table.add(HttpMethod.GET, "/config", config::get);
    table.add(HttpMethod.PUT, "/config", config::put);
    table.add(HttpMethod.GET, "/config/:subject", config::get);
    table.add(HttpMethod.PUT, "/config/:subject", config::put);
    table.add(
        HttpMethod.POST,
        "/compatibility/subjects/:subject/versions/:version",
        compatibility::check);
    router.route().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(ConfluentErrors::handle);
    return router;
  }

  /** Registers endpoints that run off the event loop. */
  private record Table(Vertx vertx, Router router) {
    void add(HttpMethod method, String path, Function<ApiRequest, Reply> endpoint) {
      router.route(method, path).handler(ctx -> run(ctx, endpoint));
    }

    private void run(RoutingContext ctx, Function<ApiRequest, Reply> endpoint) {
      ApiRequest request = new ApiRequest(Map.copyOf(ctx.pathParams()), ctx.body().asString());
      vertx
          .executeBlocking(() -> endpoint.apply(request), false)
          .onSuccess(reply -> write(ctx, reply))
          .onFailure(ctx::fail);
    }
  }

  private static void write(RoutingContext ctx, Reply reply) {
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("Content-Type", MEDIA_TYPE)
        .end(reply.json());
  }

  /**
   * Confluent accepts its own media types and plain JSON; a body without a type is read as JSON.
   */
  private static void checkBodyType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    boolean hasBody =
        ctx.request().method() == HttpMethod.POST || ctx.request().method() == HttpMethod.PUT;
    if (hasBody && type != null && !ACCEPTED_BODY_TYPES.contains(mediaType(type))) {
      ctx.fail(
          SchemaRegistryError.UNSUPPORTED_MEDIA_TYPE.exception(
              "Unsupported Content-Type '" + type + "'; use " + MEDIA_TYPE));
      return;
    }
    ctx.next();
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}

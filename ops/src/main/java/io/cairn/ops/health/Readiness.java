package io.cairn.ops.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /readyz}: 200 only when every named check passes, else 503 naming those that fail.
 * {@code GET /healthz}: 200 while the process serves HTTP at all. Checks must be cheap and must not
 * block: they read state that others keep current.
 */
public final class Readiness {
  private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

  public Readiness check(String name, BooleanSupplier check) {
    checks.put(name, check);
    return this;
  }

  public boolean isReady() {
    return checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
  }

  public void mount(Router router) {
    router
        .get("/healthz")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"ok\"}"));
    router
        .get("/readyz")
        .handler(
            ctx -> {
              JsonObject results = new JsonObject();
              boolean ready = true;
              for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
                boolean ok = c.getValue().getAsBoolean();
                results.put(c.getKey(), ok ? "ok" : "failing");
                ready &= ok;
              }
              ctx.response()
                  .setStatusCode(ready ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("status", ready ? "ready" : "not ready")
                          .put("checks", results)
                          .encode());
            });
  }
}

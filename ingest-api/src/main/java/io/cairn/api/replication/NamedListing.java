package io.cairn.api.replication;

import io.cairn.api.harbor.HarborPage;
import io.cairn.api.harbor.HarborQuery;
import io.cairn.api.harbor.HarborSort;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Harbor's list answer for the replication API's named entries (registry endpoints, policies):
 * {@code q} over the given keys, the deprecated {@code name} substring, {@code sort} by id, name,
 * creation or update time (by id when not asked), {@code page}/{@code page_size} with {@code
 * X-Total-Count} and {@code Link}.
 */
record NamedListing<T>(
    ToLongFunction<T> id,
    Function<T, String> name,
    ToLongFunction<T> createdAt,
    ToLongFunction<T> updatedAt,
    Map<String, Function<T, Collection<String>>> queryKeys) {

  Future<Void> answer(RoutingContext ctx, List<T> entries, Function<T, JsonObject> json) {
    HarborPage page = HarborPage.of(ctx.request());
    Predicate<T> query = HarborQuery.parse(ctx.request().getParam("q"), queryKeys);
    String contains = ctx.request().getParam("name"); // deprecated by Harbor for q
    Comparator<T> byId = Comparator.comparingLong(id);
    Comparator<T> order =
        HarborSort.parse(
            ctx.request().getParam("sort"),
            Map.of(
                "id", byId,
                "name", Comparator.comparing(name),
                "creation_time", Comparator.comparingLong(createdAt),
                "update_time", Comparator.comparingLong(updatedAt)),
            byId);
    List<T> all =
        entries.stream()
            .filter(query)
            .filter(e -> contains == null || name.apply(e).contains(contains))
            .sorted(order)
            .toList();
    JsonArray out = new JsonArray();
    page.slice(all).forEach(e -> out.add(json.apply(e)));
    return page.headers(ctx, all.size())
        .putHeader("Content-Type", "application/json")
        .end(out.encode());
  }
}

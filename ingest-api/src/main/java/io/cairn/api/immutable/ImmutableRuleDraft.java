package io.cairn.api.immutable;

import io.cairn.oci.OciErrorCode;
import io.cairn.replication.policy.Doublestar;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * An immutable tag rule as Harbor's POST and PUT carry it, validated; anything else is a 400 that
 * says why. The selectors are kept as Harbor writes them ({@code kind}, {@code decoration}, {@code
 * pattern}), without {@code extras}, which immutability does not use.
 *
 * @param tagSelectors JSON text of the tag selectors
 * @param repositorySelectors JSON text of {@code scope_selectors.repository}
 */
record ImmutableRuleDraft(
    int priority, boolean disabled, String tagSelectors, String repositorySelectors) {
  static final String ACTION = "immutable";
  static final String TEMPLATE = "immutable_template";
  private static final Set<String> TAG_DECORATIONS = Set.of("matches", "excludes");
  private static final Set<String> REPOSITORY_DECORATIONS = Set.of("repoMatches", "repoExcludes");

  static ImmutableRuleDraft of(JsonObject body) {
    expect(body, "action", ACTION);
    expect(body, "template", TEMPLATE);
    if (!(valueOr(body, "priority", 0) instanceof Integer priority)) {
      throw OciErrorCode.BAD_REQUEST.exception("priority must be an integer");
    }
    if (!(valueOr(body, "disabled", false) instanceof Boolean disabled)) {
      throw OciErrorCode.BAD_REQUEST.exception("disabled must be true or false");
    }
    if (!(body.getValue("scope_selectors") instanceof JsonObject scope)
        || !scope.fieldNames().equals(Set.of("repository"))) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "scope_selectors must be an object with one key, repository");
    }
    return new ImmutableRuleDraft(
        priority,
        disabled,
        selectors(body.getValue("tag_selectors"), "tag_selectors", TAG_DECORATIONS),
        selectors(
            scope.getValue("repository"), "scope_selectors.repository", REPOSITORY_DECORATIONS));
  }

  private static Object valueOr(JsonObject body, String field, Object absent) {
    Object value = body.getValue(field);
    return value == null ? absent : value;
  }

  private static void expect(JsonObject body, String field, String only) {
    Object value = body.getValue(field);
    if (value != null && !only.equals(value)) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be " + only);
    }
  }

  private static String selectors(Object value, String field, Set<String> decorations) {
    if (!(value instanceof JsonArray list) || list.isEmpty()) {
      throw OciErrorCode.BAD_REQUEST.exception(field + " must be a non-empty array");
    }
    JsonArray out = new JsonArray();
    for (Object o : list) {
      if (!(o instanceof JsonObject selector)) {
        throw OciErrorCode.BAD_REQUEST.exception(field + " must hold objects");
      }
      Object kind = valueOr(selector, "kind", "doublestar");
      if (!"doublestar".equals(kind)) {
        throw OciErrorCode.BAD_REQUEST.exception(field + ": kind must be doublestar");
      }
      Object decoration = selector.getValue("decoration");
      if (!(decoration instanceof String d) || !decorations.contains(d)) {
        throw OciErrorCode.BAD_REQUEST.exception(
            field
                + ": decoration must be one of "
                + String.join(", ", decorations.stream().sorted().toList()));
      }
      if (!(selector.getValue("pattern") instanceof String pattern) || pattern.isEmpty()) {
        throw OciErrorCode.BAD_REQUEST.exception(field + ": pattern must be a non-empty string");
      }
      try {
        Doublestar.compile(pattern);
      } catch (IllegalArgumentException e) {
        throw OciErrorCode.BAD_REQUEST.exception(field + ": " + e.getMessage());
      }
      out.add(
          new JsonObject()
              .put("kind", "doublestar")
              .put("decoration", decoration)
              .put("pattern", pattern));
    }
    return out.encode();
  }
}

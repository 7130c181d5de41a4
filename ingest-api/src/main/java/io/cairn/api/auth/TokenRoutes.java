package io.cairn.api.auth;

import io.cairn.api.Access;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.ProjectEntry;
import io.cairn.projection.RegistryView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Docker token endpoint {@code GET /service/token?service=…&scope=…}, Harbor's path. With Basic
 * credentials (a user or robot) or none (anonymous), it issues a token granting, for each scope
 * asked, the actions asked that the caller is permitted now: the intersection, never more. A scope
 * the caller may not touch is granted with no actions, not refused, so a client learns no more than
 * "not permitted" — and nothing about whether a private project exists. {@code registry:catalog:*}
 * is granted to every caller who asks for it, anonymous included: {@code /v2/_catalog} answers them
 * without a token too, listing only the repositories they may see.
 */
public final class TokenRoutes {
  private static final Map<String, Action> WORDS =
      Map.of("pull", Action.PULL, "push", Action.PUSH, "delete", Action.DELETE);

  private final Authentication authentication;
  private final RegistryView view;
  private final Clock clock;

  public TokenRoutes(Authentication authentication, RegistryView view, Clock clock) {
    this.authentication = authentication;
    this.view = view;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/service/token").handler(ctx -> issue(ctx).onFailure(ctx::fail));
  }

  private Future<Void> issue(RoutingContext ctx) {
    TokenService tokens = authentication.tokens();
    String service = ctx.request().getParam("service");
    if (service != null && !service.equals(tokens.service())) {
      return Future.failedFuture(
          OciErrorCode.BAD_REQUEST.exception(
              "this token service issues tokens for service " + tokens.service()));
    }
    List<TokenAccess> asked = new ArrayList<>();
    try {
      for (String scope : ctx.queryParam("scope")) {
        asked.addAll(TokenAccess.parseScope(scope));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(OciErrorCode.BAD_REQUEST.exception(e.getMessage()));
    }
    return authentication
        .caller(ctx)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof Authentication.AuthenticationFailedException
                        ? OciErrorCode.UNAUTHORIZED.exception(failure.getMessage())
                        : failure))
        .compose(
            caller -> {
              if (caller.token() != null) {
                throw OciErrorCode.UNAUTHORIZED.exception(
                    "ask for a token with Basic credentials or none, not with a token");
              }
              Instant now = clock.instant();
              List<TokenAccess> granted = new ArrayList<>();
              for (TokenAccess a : asked) {
                granted.add(new TokenAccess(a.type(), a.name(), grant(caller, a, now)));
              }
              String token = tokens.issue(caller.name(), kind(caller), granted, now);
              JsonObject body =
                  new JsonObject()
                      .put("token", token)
                      .put("access_token", token)
                      .put("expires_in", tokens.lifetime().toSeconds())
                      .put("issued_at", DateTimeFormatter.ISO_INSTANT.format(now));
              return ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(body.encode());
            });
  }

  private Set<String> grant(Caller caller, TokenAccess asked, Instant now) {
    Set<String> granted = new LinkedHashSet<>();
    if (asked.type().equals("registry") && asked.name().equals("catalog")) {
      // Everyone may list the catalog without a token, and it shows each caller only what they
      // may see; a token grants it only when asked for, so a pull token cannot list.
      if (asked.actions().contains("*")) {
        granted.add("*");
      }
      return granted;
    }
    if (!asked.type().equals("repository") || asked.name().isEmpty()) {
      return granted;
    }
    // Authorized as written, as the registry authorizes a path: the project is the text before
    // the first '/', which for a malformed name is one nobody has. So only a caller who may act
    // there (a system admin) gets the grant, and then learns from the registry what is malformed
    // (NAME_INVALID) instead of being sent for a token that can never be enough.
    String project = new Access.OnRepository(asked.name(), Action.PULL).project();
    Permissions.Project p =
        new Permissions.Project(
            project, view.project(project).map(ProjectEntry::isPublic).orElse(false));
    for (String word : asked.actions()) {
      if (word.equals("*")) {
        WORDS.forEach(
            (w, action) -> {
              if (caller.may(p, action, now)) {
                granted.add(w);
              }
            });
      } else if (WORDS.containsKey(word) && caller.may(p, WORDS.get(word), now)) {
        granted.add(word);
      }
    }
    return granted;
  }

  private static String kind(Caller caller) {
    if (caller.isAnonymous()) {
      return "anonymous";
    }
    return caller.isRobot() ? "robot" : "user";
  }
}

package io.cairn.api.auth;

import io.cairn.api.Access;
import io.cairn.api.AccessLog;
import io.cairn.api.Authorizer;
import io.cairn.events.Actor;
import io.cairn.oci.OciErrorCode;
import io.cairn.oci.OciException;
import io.cairn.projection.ProjectEntry;
import io.cairn.projection.RegistryView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The authorizer Cairn runs: authenticates the caller ({@link Authentication}), then asks {@link
 * Permissions} about the project the access is in. A project that does not exist is judged as a
 * private project nobody is a member of, so an outsider gets the same answer whether or not a
 * private project is there. Bearer tokens limit further: a repository action needs the token's
 * grant, and the catalog {@code registry:catalog:*}, else 401 with the scope to ask for (the client
 * fetches a new token and retries). A 403 says what was asked for (type, name, action), never who
 * the caller is to the project: the rule that denied goes to the access log only.
 */
public final class ProjectAuthorizer implements Authorizer {
  /** The scope of distribution's catalog, which a token must grant for {@code /v2/_catalog}. */
  public static final String CATALOG_SCOPE = "registry:catalog:*";

  private final Authentication authentication;
  private final RegistryView view;
  private final Clock clock;
  private final AccessLog accessLog;
  private final TokenRealm realm;

  /** {@code realm} names the token service in challenges. */
  public ProjectAuthorizer(
      Authentication authentication,
      RegistryView view,
      Clock clock,
      AccessLog accessLog,
      TokenRealm realm) {
    this.authentication = authentication;
    this.view = view;
    this.clock = clock;
    this.accessLog = accessLog;
    this.realm = realm;
  }

  @Override
  public Future<Caller> caller(RoutingContext ctx) {
    return authentication
        .caller(ctx)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof Authentication.AuthenticationFailedException
                        ? unauthorized(ctx, failure.getMessage(), null)
                        : failure));
  }

  @Override
  public Future<Actor> authorize(RoutingContext ctx, Access access) {
    return caller(ctx).map(caller -> decide(ctx, caller, access).actor());
  }

  @Override
  public Future<Predicate<String>> visibleProjects(RoutingContext ctx) {
    return caller(ctx)
        .map(
            caller -> {
              Map<String, Boolean> seen = new HashMap<>();
              return project ->
                  seen.computeIfAbsent(project, p -> caller.may(project(p), Action.LIST, now()));
            });
  }

  private Caller decide(RoutingContext ctx, Caller caller, Access access) {
    if (access instanceof Access.Registry need) {
      return registry(ctx, caller, need);
    }
    String project;
    Action action;
    if (access instanceof Access.OnRepository on) {
      project = on.project();
      action = on.action();
      if (caller.token() != null
          && !caller.token().grants("repository", on.repository(), TokenAccess.word(action))) {
        String scope = tokenScope(on);
        throw deny(
            ctx, caller, access, "token lacks " + action, scope, Refusals.tokenLacks(on, scope));
      }
    } else {
      Access.OnProject on = (Access.OnProject) access;
      project = on.project();
      action = on.action();
      if (caller.token() != null) {
        throw deny(
            ctx,
            caller,
            access,
            "bearer tokens are for /v2/; use Basic credentials",
            null,
            Refusals.tokenOffV2());
      }
    }
    Permissions.Decision decision =
        Permissions.decide(caller.principalIn(project), project(project), action, now());
    if (!decision.allowed()) {
      String scope = access instanceof Access.OnRepository on ? tokenScope(on) : null;
      throw deny(ctx, caller, access, decision.rule(), scope, null);
    }
    return caller;
  }

  /** The token scope a refused repository request is challenged with; built only on refusal. */
  private static String tokenScope(Access.OnRepository on) {
    return "repository:" + on.repository() + ":" + scopeWords(on.action());
  }

  private Caller registry(RoutingContext ctx, Caller caller, Access.Registry need) {
    if (need == Access.Registry.CATALOG
        && caller.token() != null
        && !caller.token().grants("registry", "catalog", "*")) {
      throw deny(
          ctx,
          caller,
          need,
          "token lacks the catalog",
          CATALOG_SCOPE,
          Refusals.tokenLacksCatalog(CATALOG_SCOPE));
    }
    boolean signedIn = !caller.isAnonymous();
    boolean allowed =
        switch (need) {
          case PING -> signedIn || caller.token() != null;
          case CATALOG, BROWSE -> true;
          case CREATE_PROJECT -> signedIn && !caller.isRobot() && caller.token() == null;
          case ADMINISTER -> caller.isSysadmin() && caller.token() == null;
        };
    if (!allowed) {
      throw deny(ctx, caller, need, need + " not allowed", null, null);
    }
    return caller;
  }

  private Permissions.Project project(String name) {
    return new Permissions.Project(
        name, view.project(name).map(ProjectEntry::isPublic).orElse(false));
  }

  /**
   * 401 to someone who may yet authenticate, or get a token with more grants (a {@code
   * tokenMessage} says what the token lacks); 403 to a known caller whose permissions say no. The
   * {@code rule} goes to the access log only.
   */
  private OciException deny(
      RoutingContext ctx,
      Caller caller,
      Access access,
      String rule,
      String scope,
      String tokenMessage) {
    accessLog.denied(caller.actor(), resource(access), action(access), rule);
    if (tokenMessage != null) {
      return unauthorized(ctx, tokenMessage, scope);
    }
    if (caller.isAnonymous()) {
      return unauthorized(ctx, Refusals.signIn(access), scope);
    }
    return OciErrorCode.DENIED.exception(
        "requested access to the resource is denied", asked(access));
  }

  private OciException unauthorized(RoutingContext ctx, String message, String scope) {
    if (ctx.request().path().startsWith("/v2")) {
      StringBuilder challenge =
          new StringBuilder("Bearer realm=")
              .append(quoted(realm.realm(ctx.request())))
              .append(",service=")
              .append(quoted(authentication.tokens().service()));
      String extra = ctx.get(Authorizer.EXTRA_SCOPE);
      if (scope != null) {
        String scopes = extra == null || extra.equals(scope) ? scope : scope + " " + extra;
        challenge.append(",scope=").append(quoted(scopes));
      }
      ctx.response().putHeader("WWW-Authenticate", challenge.toString());
    }
    return OciErrorCode.UNAUTHORIZED.exception(message);
  }

  /**
   * An RFC 9110 quoted-string: a name from the request path may hold {@code "} or {@code \\}, which
   * must not end the parameter early; control characters cannot be quoted and are dropped.
   */
  private static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c != 0x7f) {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * What was asked for, as a 403's detail: {@code type}, {@code name} (if any) and {@code action}.
   */
  private static Map<String, String> asked(Access access) {
    if (access instanceof Access.OnRepository on) {
      return Map.of("type", "repository", "name", on.repository(), "action", action(access));
    }
    if (access instanceof Access.OnProject on) {
      return Map.of("type", "project", "name", on.project(), "action", action(access));
    }
    return Map.of("type", "registry", "action", action(access));
  }

  private static String resource(Access access) {
    if (access instanceof Access.OnRepository on) {
      return on.repository();
    }
    return access instanceof Access.OnProject on ? on.project() : null;
  }

  private static String action(Access access) {
    Object action = access;
    if (access instanceof Access.OnRepository on) {
      action = on.action();
    } else if (access instanceof Access.OnProject on) {
      action = on.action();
    }
    return action.toString().toLowerCase(Locale.ROOT);
  }

  /** Docker clients ask for pull with push; a scope lists what the client will need together. */
  private static String scopeWords(Action action) {
    return action == Action.PUSH ? "pull,push" : TokenAccess.word(action);
  }

  private Instant now() {
    return clock.instant();
  }
}

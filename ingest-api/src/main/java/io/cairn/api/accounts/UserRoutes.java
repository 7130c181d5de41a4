package io.cairn.api.accounts;

import io.cairn.api.Access;
import io.cairn.api.Backend;
import io.cairn.api.auth.Caller;
import io.cairn.api.auth.StoredSecrets;
import io.cairn.api.harbor.HarborBody;
import io.cairn.api.harbor.HarborReply;
import io.cairn.api.harbor.HarborTime;
import io.cairn.api.sealing.Purpose;
import io.cairn.events.Actor;
import io.cairn.events.UserCreated;
import io.cairn.events.UserDeleted;
import io.cairn.events.UserPasswordChanged;
import io.cairn.oci.OciErrorCode;
import io.cairn.projection.UserEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Harbor's user API for local accounts: create and list (system admins), get one (admins, or the
 * user themself), {@code /users/current}, and password change (the user with their old password, or
 * an admin). Passwords are hashed with the KDF off the event loop; events hold only the hash,
 * sealed ({@link StoredSecrets}).
 */
public final class UserRoutes {
  /** Harbor refuses these characters in user names. */
  private static final Pattern BAD_NAME_CHARS = Pattern.compile("[,\"~#$%:\\s]");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Backend backend;
  private final StoredSecrets secrets;
  private final Object creation = new Object();

  public UserRoutes(Backend backend, StoredSecrets secrets) {
    this.backend = backend;
    this.secrets = secrets;
  }

  public void mount(Router router) {
    router.post("/api/v2.0/users").handler(ctx -> create(ctx).onFailure(ctx::fail));
    router.get("/api/v2.0/users").handler(ctx -> list(ctx).onFailure(ctx::fail));
    router.get("/api/v2.0/users/current").handler(ctx -> current(ctx).onFailure(ctx::fail));
    router.get("/api/v2.0/users/:id").handler(ctx -> one(ctx).onFailure(ctx::fail));
    router.put("/api/v2.0/users/:id/password").handler(ctx -> password(ctx).onFailure(ctx::fail));
    router.delete("/api/v2.0/users/:id").handler(ctx -> delete(ctx).onFailure(ctx::fail));
  }

  private Future<Void> create(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.ADMINISTER)
        .compose(actor -> create(ctx, actor))
        .compose(id -> HarborReply.created(ctx, "/api/v2.0/users/" + id));
  }

  /** Creates the account the body asks for, for a system admin; completes with its id. */
  private Future<Integer> create(RoutingContext ctx, Actor actor) {
    JsonObject body = HarborBody.object(ctx);
    String username = HarborBody.string(body, "username");
    String password = HarborBody.string(body, "password");
    String email = HarborBody.optionalString(body, "email");
    if (username.length() > 255 || BAD_NAME_CHARS.matcher(username).find()) {
      throw OciErrorCode.BAD_REQUEST.exception(
          "username must be at most 255 characters without spaces or , \" ~ # $ % :");
    }
    if (username.startsWith("robot$")) {
      throw OciErrorCode.BAD_REQUEST.exception("user names may not start with robot$");
    }
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw OciErrorCode.BAD_REQUEST.exception("email is not an email address");
    }
    PasswordPolicy.check("password", password);
    return backend
        .vertx()
        .executeBlocking(() -> secrets.protect(Purpose.USER_PASSWORD, username, password), false)
        .compose(
            hash -> {
              synchronized (creation) {
                if (backend.identity().user(username).isPresent()) {
                  throw OciErrorCode.CONFLICT.exception("user " + username + " already exists");
                }
                int id = backend.identity().highestUserId() + 1;
                UserCreated created =
                    UserCreated.newBuilder()
                        .setUserId(id)
                        .setUsername(username)
                        .setEmail(email)
                        .setRealname(HarborBody.optionalString(body, "realname"))
                        .setComment(HarborBody.optionalString(body, "comment"))
                        .setPasswordHash(hash)
                        .build();
                return backend.recordRegistry(actor, created).map(id);
              }
            });
  }

  private Future<Void> list(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.ADMINISTER)
        .compose(
            actor -> {
              List<UserEntry> users = backend.identity().users();
              JsonArray out = new JsonArray();
              users.forEach(u -> out.add(json(u)));
              return HarborReply.list(ctx, out);
            });
  }

  private Future<Void> current(RoutingContext ctx) {
    return backend
        .authorizer()
        .caller(ctx)
        .compose(
            caller -> {
              UserEntry user =
                  caller.isAnonymous() || caller.isRobot() || caller.token() != null
                      ? null
                      : backend.identity().user(caller.name()).orElse(null);
              if (user == null) {
                throw OciErrorCode.UNAUTHORIZED.exception("sign in as a user to see yourself");
              }
              return HarborReply.json(ctx, json(user));
            });
  }

  private Future<Void> one(RoutingContext ctx) {
    return self(ctx).compose(user -> HarborReply.json(ctx, json(user)));
  }

  /** The body is read once the caller may change this user's password (themself, or an admin). */
  private Future<Void> password(RoutingContext ctx) {
    return self(ctx)
        .compose(user -> backend.authorizer().caller(ctx).compose(c -> password(ctx, c, user)))
        .compose(v -> HarborReply.ok(ctx));
  }

  private Future<Void> password(RoutingContext ctx, Caller caller, UserEntry user) {
    JsonObject body = HarborBody.object(ctx);
    String fresh = HarborBody.string(body, "new_password");
    PasswordPolicy.check("new_password", fresh);
    String old = HarborBody.optionalString(body, "old_password");
    return backend
        .vertx()
        .executeBlocking(
            () -> {
              boolean own = caller.name().equals(user.username());
              // Admins reset others' passwords; everyone proves their own.
              if (own || !caller.isSysadmin()) {
                if (old == null || !oldPasswordMatches(user, old)) {
                  throw OciErrorCode.BAD_REQUEST.exception("old_password is wrong");
                }
              }
              return secrets.protect(Purpose.USER_PASSWORD, user.username(), fresh);
            },
            false)
        .compose(
            hash ->
                backend.recordRegistry(
                    caller.actor(), new UserPasswordChanged(user.username(), hash)));
  }

  private boolean oldPasswordMatches(UserEntry user, String old) {
    return secrets.verify(Purpose.USER_PASSWORD, user.username(), old, user.passwordHash())
        == StoredSecrets.Outcome.MATCH;
  }

  /** System admins delete accounts; never their own, and never the bootstrap {@code admin}. */
  private Future<Void> delete(RoutingContext ctx) {
    return backend
        .authorizer()
        .authorize(ctx, Access.Registry.ADMINISTER)
        .compose(
            actor ->
                self(ctx)
                    .compose(
                        user -> {
                          if (user.userId() == 1) {
                            throw OciErrorCode.DENIED.exception(
                                "the bootstrap admin cannot be deleted");
                          }
                          if (user.username().equals(actor.getName())) {
                            throw OciErrorCode.DENIED.exception(
                                "you cannot delete your own account");
                          }
                          return backend.recordRegistry(
                              actor, new UserDeleted(user.username(), user.userId()));
                        }))
        .compose(v -> HarborReply.ok(ctx));
  }

  /**
   * The user the path names, if the caller is that user or a system admin. Anyone else gets the
   * same answer whether or not the id exists: 403 for a signed-in user, 401 for nobody.
   */
  private Future<UserEntry> self(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return backend
        .authorizer()
        .caller(ctx)
        .map(
            caller -> {
              UserEntry user =
                  backend.identity().users().stream()
                      .filter(u -> Integer.toString(u.userId()).equals(id))
                      .findFirst()
                      .orElse(null);
              boolean own = user != null && ownAccount(caller, user);
              if (!own && !(caller.isSysadmin() && caller.token() == null)) {
                throw caller.isAnonymous()
                    ? OciErrorCode.UNAUTHORIZED.exception("sign in to see this user")
                    : OciErrorCode.DENIED.exception(
                        "requested access to the resource is denied",
                        Map.of("type", "user", "name", id, "action", "read"));
              }
              if (user == null) {
                throw OciErrorCode.NOT_FOUND.exception("user " + id + " not found");
              }
              return user;
            });
  }

  private static boolean ownAccount(Caller caller, UserEntry user) {
    return !caller.isRobot() && caller.token() == null && caller.name().equals(user.username());
  }

  static JsonObject json(UserEntry u) {
    return new JsonObject()
        .put("user_id", u.userId())
        .put("username", u.username())
        .put("email", u.email() == null ? "" : u.email())
        .put("realname", u.realname() == null ? "" : u.realname())
        .put("comment", u.comment() == null ? "" : u.comment())
        .put("sysadmin_flag", u.sysadmin())
        .put("admin_role_in_auth", false)
        .put("creation_time", HarborTime.format(u.createdAt()))
        .put("update_time", HarborTime.format(u.updatedAt()));
  }
}

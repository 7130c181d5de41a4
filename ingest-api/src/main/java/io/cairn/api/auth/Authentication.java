package io.cairn.api.auth;

import io.cairn.api.sealing.Purpose;
import io.cairn.projection.IdentityView;
import io.cairn.projection.RobotEntry;
import io.cairn.projection.UserEntry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request's {@code Authorization} header into a {@link Caller}, or fails with {@link
 * AuthenticationFailedException}. Secrets are checked with the password KDF off the event loop
 * ({@link StoredSecrets}, which unseals the stored hash for that moment only); a name+secret that
 * verified is remembered for {@link #REMEMBER} (keyed by a SHA-256 over name, secret and the stored
 * sealed value, so a changed password forgets it at once), since clients send Basic credentials on
 * every request and 200 ms of KDF per request would be a denial of service.
 */
public final class Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
  static final Duration REMEMBER = Duration.ofMinutes(5);
  private static final int MAX_REMEMBERED = 10_000;
  private static final String CALLER = "cairn.caller";

  private static final MessageDigest SHA256;

  static {
    try {
      SHA256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private final Vertx vertx;
  private final IdentityView identity;
  private final TokenService tokens;
  private final StoredSecrets secrets;
  private final LoginThrottle throttle;
  private final LoginGate gate;
  private final Clock clock;
  private final FailedLogins failedLogins;
  private final ConcurrentMap<String, Long> verified = new ConcurrentHashMap<>();

  /**
   * Tokens whose signature checked out, with their claims: clients send the same token with every
   * request until it expires, and an Ed25519 verification costs more than the rest of a pull.
   * Expiry is still checked on every use.
   */
  private final ConcurrentMap<String, TokenService.Claims> verifiedTokens =
      new ConcurrentHashMap<>();

  /** Told of every failed login, with the account's failure count in the throttle's window. */
  @FunctionalInterface
  public interface FailedLogins {
    void failed(String account, int failures, String why);
  }

  public Authentication(
      Vertx vertx,
      IdentityView identity,
      TokenService tokens,
      StoredSecrets secrets,
      LoginThrottle throttle,
      Clock clock,
      FailedLogins failedLogins) {
    this.vertx = vertx;
    this.identity = identity;
    this.tokens = tokens;
    this.secrets = secrets;
    this.throttle = throttle;
    this.gate = new LoginGate(throttle);
    this.clock = clock;
    this.failedLogins = failedLogins;
  }

  public TokenService tokens() {
    return tokens;
  }

  /** The request's caller, worked out once per request. */
  public Future<Caller> caller(RoutingContext ctx) {
    Caller known = ctx.get(CALLER);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    Credentials credentials = Credentials.parse(ctx.request().getHeader("Authorization"));
    Future<Caller> caller;
    if (credentials instanceof Credentials.None) {
      caller = Future.succeededFuture(Caller.anonymous());
    } else if (credentials instanceof Credentials.Basic basic) {
      caller = basic(basic.name(), basic.secret(), source(ctx));
    } else if (credentials instanceof Credentials.Bearer bearer) {
      caller = bearer(bearer.token());
    } else {
      caller =
          Future.failedFuture(
              new AuthenticationFailedException(((Credentials.Malformed) credentials).why()));
    }
    return caller.onSuccess(c -> ctx.put(CALLER, c));
  }

  /**
   * The caller this request was already authenticated as, or {@code null} if it was not (yet):
   * never authenticates, so it costs nothing and cannot fail (for the access log).
   */
  public static Caller knownCaller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /**
   * Checks a name and secret (a user's password, or a robot's secret) presented from {@code
   * source}. A secret remembered as right is answered at once and clears the source's failures for
   * that account; anything else is checked when the {@link LoginGate} admits it.
   */
  public Future<Caller> basic(String name, String secret, String source) {
    LoginThrottle.Attempt attempt = new LoginThrottle.Attempt(name, source);
    Optional<Caller> known = remembered(name, secret);
    if (known.isPresent()) {
      throttle.succeeded(attempt);
      return Future.succeededFuture(known.get());
    }
    return gate.admit(attempt, () -> check(attempt, secret));
  }

  /** The caller, if this name and secret verified within {@link #REMEMBER}. */
  private Optional<Caller> remembered(String name, String secret) {
    return account(name)
        .filter(
            a -> {
              Long until = verified.get(rememberKey(name, secret, String.valueOf(a.stored())));
              return until != null && until - System.nanoTime() > 0;
            })
        .map(Account::caller);
  }

  private Future<Caller> check(LoginThrottle.Attempt attempt, String secret) {
    String name = attempt.account();
    // Another check of this lane may have verified the same secret while this one waited.
    Optional<Caller> known = remembered(name, secret);
    if (known.isPresent()) {
      throttle.succeeded(attempt);
      return Future.succeededFuture(known.get());
    }
    Optional<Account> account = account(name);
    String stored = account.map(Account::stored).orElse(null);
    Purpose purpose = account.map(Account::purpose).orElse(Purpose.USER_PASSWORD);
    String sealedTo = account.map(Account::name).orElse(name);
    return vertx
        .executeBlocking(() -> secrets.verify(purpose, sealedTo, secret, stored), false)
        .compose(
            outcome -> {
              if (outcome == StoredSecrets.Outcome.MATCH) {
                remember(rememberKey(name, secret, String.valueOf(stored)));
                throttle.succeeded(attempt);
                return Future.succeededFuture(account.get().caller());
              }
              return failed(attempt, account.isEmpty(), outcome);
            });
  }

  /** Records a failure and answers it once its delay has passed; the lane waits as long. */
  private Future<Caller> failed(
      LoginThrottle.Attempt attempt, boolean unknown, StoredSecrets.Outcome outcome) {
    int failures = throttle.failed(attempt);
    String why =
        unknown
            ? "unknown account"
            : outcome == StoredSecrets.Outcome.UNREADABLE
                ? "stored secret cannot be opened on this instance"
                : "wrong secret";
    failedLogins.failed(attempt.account(), failures, why);
    if (failures == LoginThrottle.FREE_FAILURES + 1) {
      LOG.warn(
          "{} failed logins in a row for {} from {}; slowing its attempts from there",
          failures,
          attempt.account(),
          attempt.source());
    }
    AuthenticationFailedException refused =
        new AuthenticationFailedException("invalid username or password");
    Duration wait = LoginThrottle.delayAfter(failures);
    if (wait.isZero()) {
      return Future.failedFuture(refused);
    }
    Promise<Caller> answer = Promise.promise();
    vertx.setTimer(wait.toMillis(), id -> answer.fail(refused));
    return answer.future();
  }

  private Future<Caller> bearer(String token) {
    TokenService.Claims claims = verifiedTokens.get(token);
    if (claims == null || !clock.instant().isBefore(claims.expiresAt())) {
      try {
        claims = tokens.verify(token, clock.instant());
      } catch (TokenService.InvalidTokenException e) {
        return Future.failedFuture(new AuthenticationFailedException("token " + e.getMessage()));
      }
      rememberToken(token, claims);
    }
    TokenService.Claims valid = claims;
    if (valid.kind().equals("anonymous")) {
      return Future.succeededFuture(Caller.anonymous().withToken(valid));
    }
    // The account must still exist: deleting a robot or a user ends its tokens too.
    return account(valid.subject())
        .map(a -> Future.succeededFuture(a.caller().withToken(valid)))
        .orElseGet(
            () ->
                Future.failedFuture(
                    new AuthenticationFailedException("token subject no longer exists")));
  }

  /** The peer's IP address: the source a login throttle lane is kept for. */
  private static String source(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    return peer == null || peer.host() == null ? "-" : peer.host();
  }

  /** A user or robot, their stored (normally sealed) secret hash and what it is sealed as. */
  private record Account(Caller caller, String name, String stored, Purpose purpose) {}

  private Optional<Account> account(String name) {
    if (name.startsWith("robot$")) {
      int plus = name.indexOf('+');
      if (plus < 0) {
        return Optional.empty();
      }
      String project = name.substring("robot$".length(), plus);
      Optional<RobotEntry> robot = identity.robot(project, name);
      return robot.map(
          r -> new Account(Caller.robot(r), r.name(), r.secretHash(), Purpose.ROBOT_SECRET));
    }
    Optional<UserEntry> user = identity.user(name);
    return user.map(
        u ->
            new Account(
                Caller.user(u.userId(), u.username(), u.sysadmin(), identity),
                u.username(),
                u.passwordHash(),
                Purpose.USER_PASSWORD));
  }

  private void rememberToken(String token, TokenService.Claims claims) {
    if (verifiedTokens.size() >= MAX_REMEMBERED) {
      verifiedTokens.entrySet().removeIf(e -> !clock.instant().isBefore(e.getValue().expiresAt()));
      if (verifiedTokens.size() >= MAX_REMEMBERED) {
        verifiedTokens.clear();
      }
    }
    verifiedTokens.put(token, claims);
  }

  private void remember(String key) {
    if (verified.size() >= MAX_REMEMBERED) {
      long now = System.nanoTime();
      verified.entrySet().removeIf(e -> e.getValue() - now <= 0);
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
    }
    verified.put(key, System.nanoTime() + REMEMBER.toNanos());
  }

  private static String rememberKey(String name, String secret, String stored) {
    MessageDigest sha = sha256();
    for (String part : new String[] {name, secret, stored}) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * A fresh SHA-256 cloned from a prototype: looking one up through the provider list was a third
   * of what a Basic-authenticated pull spent in authentication (JFR, {@code bench --profile}).
   */
  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  /** Credentials were sent and are wrong, expired or unreadable: always a 401. */
  public static final class AuthenticationFailedException extends RuntimeException {
    public AuthenticationFailedException(String why) {
      super(why);
    }
  }
}

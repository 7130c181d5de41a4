package io.cairn.api.auth;

import java.time.Clock;

/**
 * The parts of authentication that routes beyond the authorizer need: the token service's
 * authentication (for {@code /service/token}), the KDF (for new passwords and robot secrets) and
 * the clock (for expiries).
 */
public record Security(Authentication authentication, SecretHash hasher, Clock clock) {}

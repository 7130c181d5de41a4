package io.cairn.api.auth;

import java.time.Clock;

/**
 * The parts of authentication that routes beyond the authorizer need: the token service's
 * authentication (for {@code /service/token}), the stored secrets (to record new passwords and
 * robot secrets, sealed, and to check an old password) and the clock (for expiries).
 */
public record Security(Authentication authentication, StoredSecrets secrets, Clock clock) {}

package io.cairn.ops;

import io.cairn.events.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Denied requests and failed logins. */
final class AccessLog implements io.cairn.api.AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  @Override
  public void denied(Actor who, String resource, String action, String rule) {
    LOG.debug("denied {} {} {} {}: {}", who.getKind(), who.getName(), action, resource, rule);
  }

  @Override
  public void failedLogin(String account, int failures, String why) {
    LOG.info("failed login for {} ({} in a row): {}", account, failures, why);
  }
}

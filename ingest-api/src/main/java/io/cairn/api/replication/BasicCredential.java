package io.cairn.api.replication;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password for another registry, in plain text: held only in memory, for as long as
 * a request to that registry takes. {@link #toString()} never shows the password, so a log line
 * that prints one shows no secret.
 */
public record BasicCredential(String username, String password) {

  /** The value of an {@code Authorization} header for HTTP Basic authentication. */
  public String authorization() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicCredential[username=" + username + ", password=*****]";
  }
}

package io.cairn.ops.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A name and secret a test signs in with: Basic header, skopeo {@code --creds}, curl -u. */
public record Login(String name, String secret) {
  /** The password {@link TestCairn} gives the bootstrap admin. */
  public static final Login ADMIN = new Login("admin", "Test-Admin-Passw0rd");

  /** The {@code Authorization} header value. */
  public String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code name:secret}, as skopeo's {@code --creds} takes it. */
  public String creds() {
    return name + ":" + secret;
  }
}

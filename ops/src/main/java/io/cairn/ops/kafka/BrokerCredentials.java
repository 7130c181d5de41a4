package io.cairn.ops.kafka;

import io.cairn.api.sealing.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded broker's three secrets, made on the first start and kept in {@code
 * credentials.properties} (0600, in the broker's 0700 directory): the broker's own password (its
 * super-user principal on the controller and inter-broker listeners), Cairn's and the auditors'.
 * The file is the truth: the broker is told these at every start, so a deleted file means new
 * secrets, never a lock-out.
 *
 * <p>Secrets are 32 random bytes in unpadded base64url: no quote, backslash or line break, so they
 * go into JAAS entries and properties files unescaped.
 */
record BrokerCredentials(String broker, String cairn, String audit) {
  static final String FILE = "credentials.properties";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads the file in {@code dir}, making whichever secrets are missing (all, the first time). */
  static BrokerCredentials loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    Properties stored = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        stored.load(in);
      }
    }
    BrokerCredentials credentials =
        new BrokerCredentials(
            secret(stored, "broker.password"),
            secret(stored, "cairn.password"),
            secret(stored, "audit.password"));
    String text =
        "# The embedded Kafka broker's secrets, made by Cairn on its first start. Only the owner may\n"
            + "# read this file. Delete it (with Cairn stopped) to get new ones.\n"
            + "broker.password="
            + credentials.broker
            + "\ncairn.password="
            + credentials.cairn
            + "\naudit.password="
            + credentials.audit
            + "\n";
    PrivateFiles.write(file, text); // every time: a file someone opened up is 0600 again
    return credentials;
  }

  private static String secret(Properties stored, String key) {
    String value = stored.getProperty(key, "").strip();
    return value.matches("[A-Za-z0-9_-]{16,}") ? value : generate();
  }

  private static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Never the secrets themselves. */
  @Override
  public String toString() {
    return "BrokerCredentials[broker, cairn, audit]";
  }
}

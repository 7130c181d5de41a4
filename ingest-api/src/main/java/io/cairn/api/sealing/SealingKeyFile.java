package io.cairn.api.sealing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's {@link SealingKey}, kept as its 32 raw bytes in {@code <auth
 * dir>/secret-sealing.key} (0600, in a 0700 directory, beside the token-signing key). Every
 * instance of one registry needs the same file, and a backup of the registry needs it too: without
 * it, the secrets sealed in the event log cannot be checked.
 *
 * <p>The key is made on the first start only. If the file is missing while the event log already
 * holds sealed secrets, Cairn refuses to start rather than make a new key: a new key would lock
 * every existing account out silently, and a second instance started without the file would seal
 * new secrets that the other instances cannot open. An operator who has truly lost the key writes a
 * new one by hand (README) and resets the accounts' secrets.
 */
public final class SealingKeyFile {
  public static final String NAME = "secret-sealing.key";
  private static final Logger LOG = LoggerFactory.getLogger(SealingKeyFile.class);

  private SealingKeyFile() {}

  /**
   * The key in {@code dir}, made now if the file is missing and nothing needs an existing key.
   *
   * @param accountsByKeyId how many accounts' stored secrets are sealed under each key id, as the
   *     projection holds them now (caught up with the log)
   * @throws IllegalStateException if the file is missing while sealed secrets exist, or it is not a
   *     key; the message says what to do
   */
  public static SealingKey openOrCreate(Path dir, Map<String, Integer> accountsByKeyId)
      throws IOException {
    Path file = dir.resolve(NAME);
    PrivateFiles.directory(dir);
    if (!Files.exists(file)) {
      if (!accountsByKeyId.isEmpty()) {
        throw new IllegalStateException(
            file
                + " is missing, but the event log holds secrets sealed under "
                + describe(accountsByKeyId)
                + ". Restore the file from a backup or copy it from another instance of this"
                + " registry. To start with a new key anyway (those accounts then cannot sign in"
                + " until their secrets are reset), write 32 random bytes to that file, mode 0600.");
      }
      SealingKey key = SealingKey.generate(file);
      byte[] raw = key.encoded();
      try {
        PrivateFiles.write(file, raw);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
      LOG.info("Made secret sealing key {} in {}: back it up with the registry", key.id(), file);
      return key;
    }
    SealingKey key = load(file);
    Map<String, Integer> others = new TreeMap<>(accountsByKeyId);
    others.remove(key.id());
    if (!others.isEmpty()) {
      LOG.error(
          "{} holds secret sealing key {}, but the event log holds secrets sealed under {}: those"
              + " accounts cannot sign in until the file holding that key is restored here, or"
              + " their secrets are reset",
          file,
          key.id(),
          describe(others));
    }
    return key;
  }

  private static SealingKey load(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    try {
      if (raw.length != SealingKey.KEY_BYTES) {
        throw new IllegalStateException(
            file
                + " is not a secret sealing key: it has "
                + raw.length
                + " bytes, not "
                + SealingKey.KEY_BYTES);
      }
      return new SealingKey(raw, file);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static String describe(Map<String, Integer> accountsByKeyId) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(accountsByKeyId)
        .forEach(
            (id, count) ->
                out.append(out.isEmpty() ? "" : ", ")
                    .append("key ")
                    .append(id)
                    .append(" (")
                    .append(count)
                    .append(count == 1 ? " account)" : " accounts)"));
    return out.toString();
  }
}

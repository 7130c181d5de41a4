package io.cairn.ops.connect;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * A Connect {@link ConfigProvider} ({@code ${cairn:<path>:<key>}}) that answers from secrets this
 * process holds in memory: a connector's configuration names a secret instead of carrying it, so
 * the worker's REST interface, its config dumps and its logs only ever show the placeholder. The
 * worker resolves a placeholder when it starts a task, so the secret exists only in the task.
 *
 * <p>The worker makes its providers by reflection and hands them only strings, so the link to the
 * secrets is a registry in this class keyed by a random handle (the provider's {@code vault}
 * parameter): each embedded worker sees only its own Cairn's secrets, even with several Cairns in
 * one JVM (as the replication tests run them).
 */
public final class InProcessSecrets implements ConfigProvider {
  /** The provider's name in placeholders: {@code ${cairn:...}}. */
  public static final String PROVIDER = "cairn";

  private static final Map<String, Source> VAULTS = new ConcurrentHashMap<>();

  /** Where the secrets of one vault come from. */
  @FunctionalInterface
  public interface Source {
    /**
     * The secret {@code key} of {@code path} (e.g. path {@code registry-3}, key {@code password}).
     */
    Optional<String> secret(String path, String key);
  }

  /** A vault open while this is: closing it makes its placeholders unresolvable. */
  public record Vault(String handle) implements AutoCloseable {
    /** The placeholder a connector's configuration carries for {@code path}'s {@code key}. */
    public String placeholder(String path, String key) {
      return "${" + PROVIDER + ":" + path + ":" + key + "}";
    }

    @Override
    public void close() {
      VAULTS.remove(handle);
    }
  }

  /** Opens a vault over {@code source}; the worker names its handle in its provider settings. */
  public static Vault open(Source source) {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String handle = HexFormat.of().formatHex(random);
    VAULTS.put(handle, source);
    return new Vault(handle);
  }

  private Source source;

  @Override
  public void configure(Map<String, ?> configs) {
    Object handle = configs.get("vault");
    source = handle == null ? null : VAULTS.get(handle.toString());
    if (source == null) {
      throw new ConfigException("no open vault of this process is named " + handle);
    }
  }

  @Override
  public ConfigData get(String path) {
    throw new ConfigException(PROVIDER + " secrets are named one by one: ${cairn:<path>:<key>}");
  }

  @Override
  public ConfigData get(String path, Set<String> keys) {
    Map<String, String> data = new HashMap<>();
    for (String key : keys) {
      String secret =
          source
              .secret(path, key)
              .orElseThrow(() -> new ConfigException("no secret " + key + " for " + path));
      data.put(key, secret);
    }
    return new ConfigData(data);
  }

  @Override
  public void close() {
    source = null;
  }
}

package io.cairn.ops.kafka;

import io.cairn.api.sealing.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SecurityConfig;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The settings every Kafka client of Cairn starts from: where the cluster is and how to reach and
 * authenticate to it (bootstrap servers, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}).
 * Each client adds its own settings (client id, group, serializers, acks, isolation) on top; the
 * base never carries those, so a client-properties file cannot weaken them. Immutable.
 */
public final class KafkaClientConfig {
  private static final String SCRAM_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String PLAIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule";

  /** Connection settings a file may hold besides every {@code sasl.*} and {@code ssl.*} one. */
  private static final Set<String> CONNECTION =
      Set.of(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          SecurityConfig.SECURITY_PROVIDERS_CONFIG,
          CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG,
          CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
          CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
          CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG,
          CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG,
          CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG);

  private final Map<String, String> settings;

  private KafkaClientConfig(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  /** A cluster that asks for no authentication. */
  public static KafkaClientConfig plaintext(String bootstrapServers) {
    return new KafkaClientConfig(
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** SASL/SCRAM-SHA-512 without TLS, as the embedded broker's client listener asks for. */
  public static KafkaClientConfig scram(String bootstrapServers, String user, String password) {
    return sasl(bootstrapServers, "SCRAM-SHA-512", SCRAM_MODULE, user, password);
  }

  /** SASL/PLAIN without TLS, as the embedded broker's own listener asks for. */
  public static KafkaClientConfig plain(String bootstrapServers, String user, String password) {
    return sasl(bootstrapServers, "PLAIN", PLAIN_MODULE, user, password);
  }

  private static KafkaClientConfig sasl(
      String servers, String mechanism, String module, String user, String password) {
    return new KafkaClientConfig(
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            SecurityProtocol.SASL_PLAINTEXT.name,
            SaslConfigs.SASL_MECHANISM,
            mechanism,
            SaslConfigs.SASL_JAAS_CONFIG,
            jaas(module, user, password)));
  }

  /** A JAAS entry with a user name and a password (neither may hold a quote or a backslash). */
  static String jaas(String module, String user, String password) {
    for (String s : new String[] {user, password}) {
      if (s.contains("\"") || s.contains("\\")) {
        throw new IllegalArgumentException("a JAAS value cannot hold quotes or backslashes");
      }
    }
    return module + " required username=\"" + user + "\" password=\"" + password + "\";";
  }

  /**
   * Reads a Kafka client properties file and checks it before any client is made: every key must be
   * a connection or security setting a Kafka client knows, every value must parse. {@code
   * bootstrapServers}, when not null, replaces the file's own (as Kafka's tools let their flag
   * win).
   *
   * @param warn told when the file may be read or changed by others than its owner
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static KafkaClientConfig load(Path file, String bootstrapServers, Consumer<String> warn) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
      if (PrivateFiles.openToOthers(file)) {
        warn.accept(file + " holds Kafka credentials and is readable by others; chmod 600 " + file);
      }
    } catch (NoSuchFileException e) {
      throw invalid(file, "no such file");
    } catch (AccessDeniedException e) {
      throw invalid(file, "not readable (permission denied)");
    } catch (IOException | IllegalArgumentException e) {
      throw invalid(file, "cannot read it: " + e.getMessage());
    }
    Map<String, String> settings = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    if (bootstrapServers != null) {
      settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    try {
      check(settings);
    } catch (IllegalArgumentException e) {
      throw invalid(file, e.getMessage());
    }
    return new KafkaClientConfig(settings);
  }

  private static IllegalArgumentException invalid(Path file, String why) {
    return new IllegalArgumentException("Kafka client config " + file + ": " + why);
  }

  private static void check(Map<String, String> settings) {
    Set<String> known = new HashSet<>(AdminClientConfig.configNames());
    known.addAll(ProducerConfig.configNames());
    known.addAll(ConsumerConfig.configNames());
    for (String key : settings.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown Kafka client setting '" + key + "'");
      }
      if (!CONNECTION.contains(key) && !key.startsWith("sasl.") && !key.startsWith("ssl.")) {
        throw new IllegalArgumentException(
            "'"
                + key
                + "' is not a connection or security setting (security.protocol, sasl.*, ssl.*):"
                + " Cairn chooses its clients' other settings itself");
      }
    }
    if (!settings.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("no bootstrap servers (give --bootstrap-servers)");
    }
    try {
      // Types and allowed values (passwords are not echoed), then the JAAS entry's syntax.
      AdminClientConfig parsed = new AdminClientConfig(settings);
      if (settings.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
        JaasContext.loadClientContext(parsed.values());
      }
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    boolean sasl = settings.keySet().stream().anyMatch(k -> k.startsWith("sasl."));
    String protocol = settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "");
    if (sasl && !protocol.toUpperCase().startsWith("SASL_")) {
      throw new IllegalArgumentException(
          "sasl.* settings need security.protocol=SASL_SSL or SASL_PLAINTEXT");
    }
  }

  public String bootstrapServers() {
    return settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
  }

  /** A new mutable map: these settings, then {@code extra} on top. */
  public Map<String, Object> with(Map<String, ?> extra) {
    Map<String, Object> map = new HashMap<>(settings);
    map.putAll(extra);
    return map;
  }

  /** A new mutable map of these settings. */
  public Map<String, Object> toMap() {
    return with(Map.of());
  }

  /**
   * These settings in the properties format, sorted, one per line, unescaped so a person can read
   * them (the values Cairn writes hold no backslash and no line break), readable by {@link
   * Properties#load} and Kafka's tools.
   */
  public String toPropertiesText(String comment) {
    StringBuilder out = new StringBuilder();
    comment.lines().forEach(line -> out.append("# ").append(line).append('\n'));
    new TreeMap<>(settings)
        .forEach(
            (key, value) -> {
              if (value.contains("\\") || value.contains("\n") || value.contains("\r")) {
                throw new IllegalStateException(key + " cannot be written unescaped");
              }
              out.append(key).append('=').append(value).append('\n');
            });
    return out.toString();
  }

  /** The keys and the bootstrap servers only: the values may be secrets. */
  @Override
  public String toString() {
    return "KafkaClientConfig["
        + bootstrapServers()
        + ", "
        + new TreeMap<>(settings).keySet()
        + "]";
  }
}

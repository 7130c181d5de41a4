package io.cairn.replication.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings: one replication policy, push-based from the Cairn whose event log the
 * connector consumes to one target. Passwords are Connect {@code PASSWORD}s, so the worker masks
 * them in its logs and REST answers; on a Connect cluster they can come from a config provider
 * (e.g. {@code ${file:/secrets/cairn.properties:target.password}}) instead of the connector's
 * configuration.
 */
public final class ReplicationConfig extends AbstractConfig {
  public static final String SOURCE_URL = "cairn.url";
  public static final String SOURCE_USERNAME = "cairn.username";
  public static final String SOURCE_PASSWORD = "cairn.password";
  public static final String TARGET_URL = "target.url";
  public static final String TARGET_TYPE = "target.type";
  public static final String TARGET_USERNAME = "target.username";
  public static final String TARGET_PASSWORD = "target.password";
  public static final String TARGET_INSECURE = "target.insecure";
  public static final String FILTERS = "filters";
  public static final String DEST_NAMESPACE = "dest.namespace";
  public static final String DEST_REPLACE_COUNT = "dest.namespace.replace.count";
  public static final String REPLICATE_DELETION = "replicate.deletion";
  public static final String OVERRIDE = "override";
  public static final String SPEED_KBPS = "speed.kbps";
  public static final String POLICY_ID = "policy.id";
  public static final String TRUST_HOLD_MINUTES = "trust.hold.minutes";
  public static final String TRUST_HOLD_MS = "trust.hold.ms";

  /** Target registry kinds, as Harbor's adapter names. */
  public static final List<String> TARGET_TYPES = List.of("cairn", "docker-registry");

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              SOURCE_URL,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              ReplicationConfig::requireHttpUrl,
              Importance.HIGH,
              "Base URL of the Cairn whose events this connector consumes; artifacts are read"
                  + " from it over the OCI API and its schema registry decodes the events.")
          .define(
              SOURCE_USERNAME,
              Type.STRING,
              null,
              Importance.HIGH,
              "A Cairn account that may pull every repository the policy selects.")
          .define(SOURCE_PASSWORD, Type.PASSWORD, null, Importance.HIGH, "Its password or secret.")
          .define(
              TARGET_URL,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              ReplicationConfig::requireHttpUrl,
              Importance.HIGH,
              "Base URL of the target registry.")
          .define(
              TARGET_TYPE,
              Type.STRING,
              "docker-registry",
              ConfigDef.ValidString.in(TARGET_TYPES.toArray(String[]::new)),
              Importance.MEDIUM,
              "cairn (another Cairn, or a Harbor) or docker-registry (any OCI registry).")
          .define(TARGET_USERNAME, Type.STRING, null, Importance.HIGH, "Target account.")
          .define(TARGET_PASSWORD, Type.PASSWORD, null, Importance.HIGH, "Target password.")
          .define(
              TARGET_INSECURE,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "Accept a target certificate that does not verify.")
          .define(
              FILTERS,
              Type.STRING,
              "[]",
              ReplicationConfig::requireFilters,
              Importance.MEDIUM,
              "Harbor's replication filters as JSON, e.g. [{\"type\":\"name\",\"value\":"
                  + "\"library/**\"},{\"type\":\"tag\",\"value\":\"v*\",\"decoration\":"
                  + "\"excludes\"}].")
          .define(
              DEST_NAMESPACE,
              Type.STRING,
              "",
              Importance.MEDIUM,
              "Harbor's dest_namespace: the target namespace replacing leading path segments.")
          .define(
              DEST_REPLACE_COUNT,
              Type.INT,
              -1,
              ConfigDef.Range.atLeast(-1),
              Importance.LOW,
              "Harbor's dest_namespace_replace_count (-1: keep only the last segment).")
          .define(
              REPLICATE_DELETION,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Delete at the target what is deleted at the source.")
          .define(
              OVERRIDE,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              "Move a tag that already names another manifest at the target (Harbor's override).")
          .define(
              SPEED_KBPS,
              Type.INT,
              0,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              "Bandwidth limit for blob bytes in KB/s; 0: none.")
          .define(
              POLICY_ID,
              Type.LONG,
              0L,
              Importance.LOW,
              "The Harbor replication policy id this connector runs, for reports; 0: none.")
          .define(
              TRUST_HOLD_MINUTES,
              Type.INT,
              60,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              "How long a subject that the source's content trust would not yet serve (it lacks"
                  + " the signature its project requires) is held for that signature; after"
                  + " that it is reported as not replicated.")
          .define(
              TRUST_HOLD_MS,
              Type.LONG,
              null,
              ReplicationConfig::requireNoneOrNotNegative,
              Importance.LOW,
              "The same hold in milliseconds, for a deadline finer than a minute (0: report at"
                  + " the next batch); when set it takes precedence over "
                  + TRUST_HOLD_MINUTES
                  + ".");

  public ReplicationConfig(Map<String, String> props) {
    super(DEFINITION, props);
  }

  URI sourceUrl() {
    return URI.create(getString(SOURCE_URL));
  }

  String sourceUsername() {
    return getString(SOURCE_USERNAME);
  }

  String sourcePassword() {
    Password p = getPassword(SOURCE_PASSWORD);
    return p == null ? null : p.value();
  }

  URI targetUrl() {
    return URI.create(getString(TARGET_URL));
  }

  String targetUsername() {
    return getString(TARGET_USERNAME);
  }

  String targetPassword() {
    Password p = getPassword(TARGET_PASSWORD);
    return p == null ? null : p.value();
  }

  boolean targetInsecure() {
    return getBoolean(TARGET_INSECURE);
  }

  ResourceFilter filter() {
    return ResourceFilter.of(filters(getString(FILTERS)));
  }

  Destination destination() {
    return new Destination(getString(DEST_NAMESPACE), getInt(DEST_REPLACE_COUNT));
  }

  boolean replicateDeletion() {
    return getBoolean(REPLICATE_DELETION);
  }

  boolean override() {
    return getBoolean(OVERRIDE);
  }

  long bytesPerSecond() {
    return getInt(SPEED_KBPS) * 1024L;
  }

  /** {@value #TRUST_HOLD_MS} when set, else {@value #TRUST_HOLD_MINUTES}. */
  Duration trustHold() {
    Long ms = getLong(TRUST_HOLD_MS);
    return ms != null ? Duration.ofMillis(ms) : Duration.ofMinutes(getInt(TRUST_HOLD_MINUTES));
  }

  long policyId() {
    return getLong(POLICY_ID);
  }

  /**
   * Harbor's filter JSON ({@code type}, {@code value}, {@code decoration}) as rules.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static List<ResourceFilter.Rule> filters(String json) {
    JsonNode array;
    try {
      array = JSON.readTree(json == null || json.isBlank() ? "[]" : json);
    } catch (IOException e) {
      throw new IllegalArgumentException("filters are not JSON: " + e.getMessage());
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("filters must be a JSON array");
    }
    List<ResourceFilter.Rule> rules = new ArrayList<>();
    for (JsonNode f : array) {
      String type = f.path("type").asText("");
      String decoration = f.path("decoration").asText("matches");
      if (!decoration.equals("matches") && !decoration.equals("excludes")) {
        throw new IllegalArgumentException(
            "filter decoration must be matches or excludes, not " + decoration);
      }
      ResourceFilter.Kind kind =
          switch (type) {
            case "name" -> ResourceFilter.Kind.NAME;
            case "tag" -> ResourceFilter.Kind.TAG;
            case "label" -> ResourceFilter.Kind.LABEL;
            case "resource" -> ResourceFilter.Kind.RESOURCE;
            default ->
                throw new IllegalArgumentException(
                    "filter type must be name, tag, label or resource, not '" + type + "'");
          };
      JsonNode value = f.path("value");
      List<String> labels = new ArrayList<>();
      String text = null;
      if (value.isArray()) {
        value.forEach(v -> labels.add(v.asText()));
      } else if (!value.isMissingNode() && !value.isNull()) {
        text = value.asText();
      }
      rules.add(new ResourceFilter.Rule(kind, text, labels, decoration.equals("excludes")));
    }
    ResourceFilter.of(
        rules); // compiles every pattern: a bad one fails here, not at the first event
    return rules;
  }

  private static void requireHttpUrl(String name, Object value) {
    if (value == null) {
      return; // NO_DEFAULT_VALUE reports a missing one
    }
    try {
      URI uri = URI.create(value.toString());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new ConfigException(name, value, "must be an http(s) URL with a host");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, "is not a URL: " + e.getMessage());
    }
  }

  private static void requireNoneOrNotNegative(String name, Object value) {
    if (value != null && ((Number) value).longValue() < 0) {
      throw new ConfigException(name, value, "must be at least 0");
    }
  }

  private static void requireFilters(String name, Object value) {
    try {
      filters(value == null ? null : value.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }
}

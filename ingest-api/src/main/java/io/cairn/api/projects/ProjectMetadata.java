package io.cairn.api.projects;

import io.cairn.oci.OciErrorCode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The project metadata Cairn accepts: Harbor's {@code ProjectMetadata} keys with their value rules,
 * plus Cairn's {@code content_trust_mode}. Values are strings as in Harbor ({@code "true"}); JSON
 * booleans and numbers are taken as their string form. Anything else is a 400 naming the key, so a
 * typo such as {@code enable_content_trust_cosing} never silently leaves trust off.
 */
final class ProjectMetadata {
  static final String PUBLIC = "public";
  static final String CONTENT_TRUST = "enable_content_trust";
  static final String CONTENT_TRUST_COSIGN = "enable_content_trust_cosign";
  static final String CONTENT_TRUST_MODE = "content_trust_mode";

  private static final Predicate<String> BOOLEAN = v -> v.equals("true") || v.equals("false");
  private static final Predicate<String> NUMBER = Pattern.compile("-?[0-9]{1,18}").asPredicate();
  private static final Map<String, Predicate<String>> RULES =
      Map.ofEntries(
          Map.entry(PUBLIC, BOOLEAN),
          Map.entry(CONTENT_TRUST, BOOLEAN),
          Map.entry(CONTENT_TRUST_COSIGN, BOOLEAN),
          Map.entry(CONTENT_TRUST_MODE, Set.of("presence", "verified")::contains),
          Map.entry("prevent_vul", BOOLEAN),
          Map.entry("severity", Set.of("none", "low", "medium", "high", "critical")::contains),
          Map.entry("auto_scan", BOOLEAN),
          Map.entry("auto_sbom_generation", BOOLEAN),
          Map.entry("reuse_sys_cve_allowlist", BOOLEAN),
          Map.entry("retention_id", NUMBER),
          Map.entry("proxy_speed_kb", NUMBER),
          Map.entry("max_upstream_conn", NUMBER),
          Map.entry("proxy_cache_local_on_not_found", BOOLEAN),
          Map.entry("proxy_referrer_api", BOOLEAN),
          Map.entry("proxy_cache_filter_pattern", v -> v.length() <= 1024),
          Map.entry("proxy_cache_filter_kind", v -> v.length() <= 64));

  private ProjectMetadata() {}

  /** Validated string values of {@code raw}, in its order; a 400 for the first bad entry. */
  static Map<String, String> validate(Map<String, Object> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach(
        (key, value) -> {
          Predicate<String> rule = RULES.get(key);
          if (rule == null) {
            throw OciErrorCode.BAD_REQUEST.exception(
                "unknown project metadata "
                    + key
                    + "; known: "
                    + String.join(", ", new TreeSet<>(RULES.keySet())));
          }
          if (!(value instanceof String || value instanceof Boolean || value instanceof Number)) {
            throw OciErrorCode.BAD_REQUEST.exception("metadata " + key + " must be a string");
          }
          String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
          if (key.equals("proxy_cache_filter_pattern")) {
            text = String.valueOf(value);
          }
          if (!rule.test(text)) {
            throw OciErrorCode.BAD_REQUEST.exception(
                "metadata " + key + " cannot be '" + value + "'");
          }
          out.put(key, text);
        });
    return out;
  }
}

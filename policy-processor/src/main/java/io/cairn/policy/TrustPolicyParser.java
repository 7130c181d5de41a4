package io.cairn.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.policy.VerificationLevel.Action;
import io.cairn.policy.VerificationLevel.Check;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of trust policy documents with the rules of notation-go's {@code
 * trustpolicy.Document.Validate}, plus Cairn's scope rule (see {@link NotationTrustPolicy}). Every
 * error names the statement and the field.
 */
final class TrustPolicyParser {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> STORE_TYPES = Set.of("ca", "signingAuthority", "tsa");
  private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
  private static final Pattern SCOPE =
      Pattern.compile("(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?" + COMPONENT + "(?:/" + COMPONENT + ")*");

  private TrustPolicyParser() {}

  static List<TrustPolicyStatement> statements(byte[] json) {
    JsonNode root = tree(json);
    if (!"1.0".equals(root.path("version").textValue())) {
      throw invalid("trust policy version must be \"1.0\", got " + root.path("version"));
    }
    JsonNode list = root.get("trustPolicies");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw invalid("trust policy has no trustPolicies statements");
    }
    List<TrustPolicyStatement> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode node : list) {
      TrustPolicyStatement statement = statement(node, out.size());
      if (!names.add(statement.name())) {
        throw invalid("two trust policy statements are named '" + statement.name() + "'");
      }
      out.add(statement);
    }
    checkScopesAreUnambiguous(out);
    return out;
  }

  private static JsonNode tree(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw invalid("trust policy must be a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw invalid("trust policy is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("trust policy could not be read: " + e.getMessage());
    }
  }

  private static TrustPolicyStatement statement(JsonNode node, int index) {
    String name = node.path("name").textValue();
    if (name == null || name.isBlank()) {
      throw invalid("trust policy statement " + (index + 1) + " has no name");
    }
    String where = "trust policy statement '" + name + "'";
    JsonNode verification = node.get("signatureVerification");
    String levelName = verification == null ? null : verification.path("level").textValue();
    if (levelName == null) {
      throw invalid(where + " has no signatureVerification.level");
    }
    VerificationLevel level =
        VerificationLevel.named(levelName)
            .orElseThrow(
                () ->
                    invalid(
                        where
                            + " has signatureVerification.level '"
                            + levelName
                            + "'; use strict, permissive, audit or skip"));
    Map<Check, Action> overrides = overrides(verification.get("override"), level, where);
    List<String> scopes = strings(node, "registryScopes", where);
    List<String> stores = strings(node, "trustStores", where);
    List<String> identities = strings(node, "trustedIdentities", where);
    checkScopes(scopes, where);
    if (level == VerificationLevel.SKIP) {
      if (!stores.isEmpty() || !identities.isEmpty()) {
        throw invalid(
            where + " skips verification, so it must have no trustStores or trustedIdentities");
      }
    } else {
      if (stores.isEmpty() || identities.isEmpty()) {
        throw invalid(where + " needs both trustStores and trustedIdentities");
      }
      stores.forEach(store -> checkStore(store, where));
      checkIdentities(identities, where);
    }
    return new TrustPolicyStatement(name, scopes, level, overrides, stores, identities);
  }

  private static Map<Check, Action> overrides(
      JsonNode node, VerificationLevel level, String where) {
    Map<Check, Action> out = new EnumMap<>(Check.class);
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject() || level == VerificationLevel.SKIP) {
      throw invalid(where + " has an override, which needs an object and a level other than skip");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      Check check =
          Check.named(e.getKey())
              .orElseThrow(() -> invalid(where + " overrides unknown check '" + e.getKey() + "'"));
      Action action =
          Action.named(e.getValue().asText())
              .orElseThrow(
                  () ->
                      invalid(
                          where
                              + " overrides "
                              + e.getKey()
                              + " with unknown action "
                              + e.getValue()));
      if (check == Check.INTEGRITY) {
        throw invalid(where + " overrides integrity, which is always enforced");
      }
      if (action == Action.SKIP && check != Check.REVOCATION) {
        throw invalid(where + " skips " + check.specName() + "; only revocation can be skipped");
      }
      out.put(check, action);
    }
    return out;
  }

  private static List<String> strings(JsonNode node, String field, String where) {
    JsonNode array = node.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(where + " has " + field + " that is not an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        throw invalid(where + " has a " + field + " entry that is not a string: " + item);
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static void checkScopes(List<String> scopes, String where) {
    if (scopes.isEmpty()) {
      throw invalid(where + " has no registryScopes");
    }
    if (scopes.contains("*") && scopes.size() > 1) {
      throw invalid(where + " mixes the wildcard scope '*' with other scopes; '*' must be alone");
    }
    for (String scope : scopes) {
      if (!scope.equals("*") && !SCOPE.matcher(scope).matches()) {
        throw invalid(
            where
                + " has registry scope '"
                + scope
                + "', which is not a repository name (no tags or digests)");
      }
    }
  }

  private static void checkStore(String store, String where) {
    int colon = store.indexOf(':');
    String type = colon < 0 ? "" : store.substring(0, colon);
    String name = colon < 0 ? "" : store.substring(colon + 1);
    if (!STORE_TYPES.contains(type) || !STORE_NAME.matcher(name).matches()) {
      throw invalid(
          where + " has trust store '" + store + "'; use <ca|signingAuthority|tsa>:<name>");
    }
  }

  private static void checkIdentities(List<String> identities, String where) {
    if (identities.contains("*") && identities.size() > 1) {
      throw invalid(where + " mixes the wildcard identity '*' with others; '*' must be alone");
    }
    Set<Map<String, String>> seen = new HashSet<>();
    for (String identity : identities) {
      if (identity.equals("*")) {
        continue;
      }
      if (!identity.startsWith(TrustPolicyStatement.SUBJECT_PREFIX)) {
        throw invalid(
            where + " has trusted identity '" + identity + "'; use '*' or 'x509.subject: <DN>'");
      }
      try {
        String dn = identity.substring(TrustPolicyStatement.SUBJECT_PREFIX.length()).trim();
        if (!seen.add(DistinguishedName.parseIdentity(dn))) {
          throw invalid(where + " lists the trusted identity '" + identity + "' twice");
        }
      } catch (IllegalArgumentException e) {
        throw invalid(where + " has trusted identity " + e.getMessage());
      }
    }
  }

  /** No two statements may share a scope, the wildcard, or a host-qualified repository. */
  private static void checkScopesAreUnambiguous(List<TrustPolicyStatement> statements) {
    Map<String, String> owner = new HashMap<>();
    Map<String, String> hostless = new HashMap<>();
    for (TrustPolicyStatement s : statements) {
      for (String scope : new HashSet<>(s.registryScopes())) {
        String other = owner.put(scope, s.name());
        if (other != null) {
          throw invalid(
              "registry scope '"
                  + scope
                  + "' is in statements '"
                  + other
                  + "' and '"
                  + s.name()
                  + "'");
        }
        String path = NotationTrustPolicy.withoutHost(scope);
        String previous = path == null ? null : hostless.put(path, s.name());
        if (previous != null && !previous.equals(s.name())) {
          throw invalid(
              "repository '"
                  + path
                  + "' is scoped with a registry host in statements '"
                  + previous
                  + "' and '"
                  + s.name()
                  + "'; Cairn ignores the host, so use one statement");
        }
      }
    }
  }

  private static InvalidTrustPolicyException invalid(String message) {
    return new InvalidTrustPolicyException(message);
  }
}

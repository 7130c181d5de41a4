package io.cairn.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.policy.VerificationLevel.Action;
import io.cairn.policy.VerificationLevel.Check;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trust policy documents: validation with named errors, levels, and statement selection. */
class NotationTrustPolicyTest {
  private static final String STORES =
      "\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\"]";

  @Test
  void readsAStatementAsNotationWritesIt() {
    NotationTrustPolicy policy =
        parse(
            "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"acme\",\"registryScopes\":[\"library/app\"],"
                + "\"signatureVerification\":{\"level\":\"permissive\",\"override\":{\"revocation\":\"skip\",\"expiry\":\"enforce\"}},"
                + "\"trustStores\":[\"ca:acme\",\"signingAuthority:acme\"],"
                + "\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=Acme, CN=builder\"]}]}");

    TrustPolicyStatement s = policy.statements().get(0);
    assertEquals("acme", s.name());
    assertEquals(VerificationLevel.PERMISSIVE, s.level());
    assertEquals(Action.ENFORCE, s.action(Check.AUTHENTICITY));
    assertEquals(Action.LOG, s.action(Check.AUTHENTIC_TIMESTAMP));
    assertEquals(Action.ENFORCE, s.action(Check.EXPIRY), "overridden");
    assertEquals(Action.SKIP, s.action(Check.REVOCATION), "overridden");
    assertEquals(List.of("ca:acme"), s.trustStores("ca"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "strict|enforce|enforce|enforce|enforce",
        "permissive|enforce|enforce|log|log",
        "audit|enforce|log|log|log",
        "skip|skip|skip|skip|skip"
      })
  void levelsFollowTheSpecTable(
      String level, String integrity, String authenticity, String timestamp, String expiry) {
    VerificationLevel l = VerificationLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT));

    assertEquals(integrity, l.action(Check.INTEGRITY).name().toLowerCase(java.util.Locale.ROOT));
    assertEquals(
        authenticity, l.action(Check.AUTHENTICITY).name().toLowerCase(java.util.Locale.ROOT));
    assertEquals(
        timestamp, l.action(Check.AUTHENTIC_TIMESTAMP).name().toLowerCase(java.util.Locale.ROOT));
    assertEquals(expiry, l.action(Check.EXPIRY).name().toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json|not valid JSON",
        "[]|must be a JSON object",
        "{\"trustPolicies\":[]}|version must be \"1.0\"",
        "{\"version\":\"2.0\",\"trustPolicies\":[]}|version must be \"1.0\", got \"2.0\"",
        "{\"version\":\"1.0\"}|has no trustPolicies statements",
        "{\"version\":\"1.0\",\"trustPolicies\":[]}|has no trustPolicies statements",
        "{\"version\":\"1.0\",\"version\":\"1.0\",\"trustPolicies\":[]}|Duplicate field 'version'",
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"registryScopes\":[\"*\"]}]}|statement 1 has no name",
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\",\"registryScopes\":[\"*\"],"
            + "\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\"]}]}|'a' has no signatureVerification.level",
      })
  void invalidDocumentsAreNamed(String json, String message) {
    assertRejected(json, message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"level\":\"lenient\"},\"registryScopes\":[\"*\"],"
            + STORES
            + "|level 'lenient'; use strict, permissive, audit or skip",
        "\"level\":\"strict\"}," + STORES + "|'a' has no registryScopes",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\",\"library/app\"],"
            + STORES
            + "|mixes the wildcard scope",
        "\"level\":\"strict\"},\"registryScopes\":[\"library/app:v1\"],"
            + STORES
            + "|'library/app:v1', which is not a repository name",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustedIdentities\":[\"*\"]|needs both trustStores and trustedIdentities",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"]|needs both trustStores and trustedIdentities",
        "\"level\":\"skip\"},\"registryScopes\":[\"*\"],"
            + STORES
            + "|skips verification, so it must have no trustStores",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"acme\"],\"trustedIdentities\":[\"*\"]|trust store 'acme'",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"x509:acme\"],\"trustedIdentities\":[\"*\"]|trust store 'x509:acme'",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:\"],\"trustedIdentities\":[\"*\"]|trust store 'ca:'",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:a/b\"],\"trustedIdentities\":[\"*\"]|trust store 'ca:a/b'",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":\"ca:acme\",\"trustedIdentities\":[\"*\"]|trustStores that is not an array",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\",\"x509.subject: C=US,ST=WA,O=A\"]|mixes the wildcard identity",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"CN=builder\"]|use '*' or 'x509.subject: <DN>'",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"x509.subject: CN=builder,O=Acme\"]|has no C; an identity needs at least C, ST and O",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"x509.subject: C=US,ST=WA,O=A,O=B\"]|repeats the attribute O",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"x509.subject: C=US+ST=WA,O=A\"]|multi-valued RDN",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"x509.subject: ===\"]|is not a distinguished name",
        "\"level\":\"strict\"},\"registryScopes\":[\"*\"],\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"x509.subject: C=US,ST=WA,O=A\",\"x509.subject: O=A,ST=WA,C=US\"]|twice",
        "\"level\":\"strict\",\"override\":{\"integrity\":\"log\"}},\"registryScopes\":[\"*\"],"
            + STORES
            + "|overrides integrity, which is always enforced",
        "\"level\":\"strict\",\"override\":{\"authenticity\":\"skip\"}},\"registryScopes\":[\"*\"],"
            + STORES
            + "|only revocation can be skipped",
        "\"level\":\"strict\",\"override\":{\"freshness\":\"log\"}},\"registryScopes\":[\"*\"],"
            + STORES
            + "|unknown check 'freshness'",
        "\"level\":\"strict\",\"override\":{\"expiry\":\"warn\"}},\"registryScopes\":[\"*\"],"
            + STORES
            + "|unknown action \"warn\"",
        "\"level\":\"skip\",\"override\":{\"revocation\":\"log\"}},\"registryScopes\":[\"*\"]|a level other than skip",
      })
  void invalidStatementsAreNamed(String body, String message) {
    assertRejected(document("{\"name\":\"a\",\"signatureVerification\":{" + body + "}"), message);
  }

  @Test
  void statementNamesAndScopesMustBeUnique() {
    assertRejected(
        document(statement("a", "library/app") + "," + statement("a", "library/other")),
        "two trust policy statements are named 'a'");
    assertRejected(
        document(statement("a", "library/app") + "," + statement("b", "library/app")),
        "'library/app' is in statements 'a' and 'b'");
    assertRejected(
        document(statement("a", "*") + "," + statement("b", "*")),
        "'*' is in statements 'a' and 'b'");
    assertRejected(
        document(
            statement("a", "one.example/library/app")
                + ","
                + statement("b", "two.example:5000/library/app")),
        "repository 'library/app' is scoped with a registry host in statements 'a' and 'b'");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "library/app,exact",
    "library/web,hosted",
    "team/tool,local",
    "library/other,wildcard",
    "app,wildcard",
    "cairn.example/library/app,wildcard"
  })
  void mostSpecificScopeWins(String repository, String statement) {
    NotationTrustPolicy policy =
        parse(
            document(
                statement("wildcard", "*")
                    + ","
                    + statement("hosted", "cairn.example:5000/library/web")
                    + ","
                    + statement("local", "localhost/team/tool")
                    + ","
                    + statement("exact", "library/app")));

    assertEquals(
        Optional.of(statement), policy.statementFor(repository).map(TrustPolicyStatement::name));
  }

  @Test
  void exactScopeBeatsAHostQualifiedOneForTheSameName() {
    NotationTrustPolicy policy =
        parse(
            document(
                statement("hosted", "registry.example/library/app")
                    + ","
                    + statement("exact", "library/app")));

    assertEquals("exact", policy.statementFor("library/app").orElseThrow().name());
  }

  @Test
  void noStatementWithoutAWildcard() {
    assertEquals(
        Optional.empty(),
        parse(document(statement("a", "library/app"))).statementFor("library/web"));
  }

  private static String statement(String name, String scope) {
    return "{\"name\":\""
        + name
        + "\",\"registryScopes\":[\""
        + scope
        + "\"],"
        + "\"signatureVerification\":{\"level\":\"strict\"},"
        + STORES
        + "}";
  }

  private static String document(String statements) {
    return "{\"version\":\"1.0\",\"trustPolicies\":[" + statements + "]}";
  }

  private static NotationTrustPolicy parse(String json) {
    return NotationTrustPolicy.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRejected(String json, String message) {
    InvalidTrustPolicyException e =
        assertThrows(InvalidTrustPolicyException.class, () -> parse(json));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}

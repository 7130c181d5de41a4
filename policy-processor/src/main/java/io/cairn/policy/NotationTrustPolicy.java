package io.cairn.policy;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A validated Notation trust policy document ({@code trustpolicy.json}, version 1.0) and the rule
 * that picks the statement for a repository.
 *
 * <p>Scopes in Cairn: Notation scopes are {@code registry/repository}, but Cairn is one registry
 * and knows a repository only by its name ({@code library/app}). So a scope names a repository
 * either as that name or with any registry host in front ({@code cairn.example:5000/library/app});
 * a first component is a host when it has a dot or a colon or is {@code localhost}, as in Docker
 * references. Selection, most specific first:
 *
 * <ol>
 *   <li>a scope equal to the repository name;
 *   <li>a host-qualified scope whose path is the repository name;
 *   <li>the statement whose scope is {@code *}.
 * </ol>
 *
 * Parsing rejects documents where two statements could tie in one tier, so the choice is unique.
 * Immutable and thread-safe.
 */
public final class NotationTrustPolicy {
  private final List<TrustPolicyStatement> statements;

  NotationTrustPolicy(List<TrustPolicyStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /** Reads and validates a trust policy; throws {@link InvalidTrustPolicyException}. */
  public static NotationTrustPolicy parse(byte[] json) {
    return new NotationTrustPolicy(TrustPolicyParser.statements(json));
  }

  public List<TrustPolicyStatement> statements() {
    return statements;
  }

  /** The statement that governs {@code repository}, or empty when none applies. */
  public Optional<TrustPolicyStatement> statementFor(String repository) {
    return first(scope -> scope.equals(repository))
        .or(() -> first(scope -> repository.equals(withoutHost(scope))))
        .or(() -> first(scope -> scope.equals("*")));
  }

  private Optional<TrustPolicyStatement> first(Predicate<String> scopeMatches) {
    return statements.stream()
        .filter(s -> s.registryScopes().stream().anyMatch(scopeMatches))
        .findFirst();
  }

  /** The scope's repository path when it starts with a registry host, else {@code null}. */
  static String withoutHost(String scope) {
    int slash = scope.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String first = scope.substring(0, slash);
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
    return host ? scope.substring(slash + 1) : null;
  }
}

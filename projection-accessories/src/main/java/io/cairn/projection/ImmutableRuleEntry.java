package io.cairn.projection;

/**
 * An immutable tag rule of a project, as Harbor's API shows it.
 *
 * @param tagSelectors Harbor's {@code tag_selectors}, JSON text
 * @param repositorySelectors Harbor's {@code scope_selectors.repository}, JSON text
 */
public record ImmutableRuleEntry(
    long ruleId,
    int priority,
    boolean disabled,
    String tagSelectors,
    String repositorySelectors,
    long createdAt,
    long updatedAt) {}

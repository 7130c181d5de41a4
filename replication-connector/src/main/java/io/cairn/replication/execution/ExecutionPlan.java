package io.cairn.replication.execution;

import io.cairn.replication.policy.Destination;
import io.cairn.replication.policy.ResourceFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an execution copies, decided from what the source holds: one {@link ReplicationTask} per
 * selected subject, with the subject's selected tags, in a stable order (by source repository, then
 * by the subject's first tag). Pure: no I/O, the same input gives the same tasks.
 *
 * <p>A digest tagged under an accessory scheme ({@link AccessoryTag}) is never a task: it travels
 * in its subject's closure, so a tag filter reaches it only through its subject's tags and never
 * splits it from its subject. A digest that also carries an ordinary tag is still an accessory (the
 * scheme's tag says what it is; the ordinary tag does not make a signature a subject).
 */
public final class ExecutionPlan {
  private static final Comparator<Map.Entry<String, SortedSet<String>>> BY_FIRST_TAG =
      Comparator.<Map.Entry<String, SortedSet<String>>, String>comparing(e -> e.getValue().first())
          .thenComparing(Map.Entry::getKey);

  private ExecutionPlan() {}

  /**
   * The tasks for {@code repositories}. A repository listed twice counts once, with the tags of
   * both listings.
   *
   * @throws IllegalArgumentException when {@code destination} cannot name the target repository of
   *     a selected subject (a namespace replace count deeper than the repository's path): Harbor
   *     fails the whole execution then too, since the policy itself does not fit the source
   */
  public static List<ReplicationTask> tasks(
      List<SourceRepository> repositories, ResourceFilter filter, Destination destination) {
    Map<String, Holdings> byName = new TreeMap<>();
    for (SourceRepository repository : repositories) {
      byName.computeIfAbsent(repository.name(), n -> new Holdings()).add(repository);
    }
    List<ReplicationTask> tasks = new ArrayList<>();
    byName.forEach(
        (name, holdings) -> {
          if (filter.mayMatch(name)) {
            tasks.addAll(holdings.tasks(name, filter, destination));
          }
        });
    return List.copyOf(tasks);
  }

  /**
   * One repository's subjects (digest → its ordinary tags) and the digests that are accessories.
   */
  private static final class Holdings {
    final Map<String, SortedSet<String>> subjects = new HashMap<>();
    final Set<String> accessories = new HashSet<>();
    final Set<String> nonImages = new HashSet<>();

    void add(SourceRepository repository) {
      repository
          .tags()
          .forEach(
              (tag, digest) -> {
                if (AccessoryTag.matches(tag)) {
                  accessories.add(digest);
                } else {
                  subjects.computeIfAbsent(digest, d -> new TreeSet<>()).add(tag);
                }
              });
      nonImages.addAll(repository.nonImages());
    }

    List<ReplicationTask> tasks(String name, ResourceFilter filter, Destination destination) {
      List<ReplicationTask> out = new ArrayList<>();
      String target = null; // asked only once a subject is selected: see tasks(...)'s @throws
      List<Map.Entry<String, SortedSet<String>>> ordered = new ArrayList<>(subjects.entrySet());
      ordered.sort(BY_FIRST_TAG);
      for (Map.Entry<String, SortedSet<String>> subject : ordered) {
        String digest = subject.getKey();
        if (accessories.contains(digest)) {
          continue;
        }
        boolean image = !nonImages.contains(digest);
        ResourceFilter.Selection selection =
            filter.select(name, List.copyOf(subject.getValue()), image);
        if (!selection.selected()) {
          continue;
        }
        target = target == null ? destination.of(name) : target;
        out.add(ReplicationTask.of(name, digest, selection.tags(), target, image));
      }
      return out;
    }
  }
}

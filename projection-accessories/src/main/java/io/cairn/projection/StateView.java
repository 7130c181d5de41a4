package io.cairn.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link RegistryView} over any {@link StateReader}: one query logic for every backend. */
public final class StateView implements RegistryView {
  private static final int ALL = Integer.MAX_VALUE;
  private static final Comparator<AccessoryEntry> BY_ATTACH_TIME =
      Comparator.comparingLong(AccessoryEntry::attachedAt).thenComparing(AccessoryEntry::digest);

  private final StateReader state;
  private final AccessoryCache accessories;
  private final EntryCache entries;

  /** A view that reads everything from the stores. */
  public StateView(StateReader state) {
    this(state, null, new EntryCache(EnumSet.noneOf(Store.class)));
  }

  /**
   * A view that keeps accessory lists in {@code accessories} and hot entries in {@code entries},
   * both of which the fold must be told of its changes.
   */
  public StateView(StateReader state, AccessoryCache accessories, EntryCache entries) {
    this.state = state;
    this.accessories = accessories;
    this.entries = entries;
  }

  @Override
  public Optional<ManifestEntry> manifest(String repository, String digest) {
    String json = state.get(Store.MANIFESTS, repository, Store.key(repository, digest));
    return Optional.ofNullable(EntryCodec.decode(json, ManifestEntry.class));
  }

  @Override
  public boolean hasManifest(String repository, String digest) {
    return state.get(Store.MANIFESTS, repository, Store.key(repository, digest)) != null;
  }

  @Override
  public List<ManifestEntry> manifests(String repository) {
    return state.scan(Store.MANIFESTS, repository, Store.prefix(repository), null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), ManifestEntry.class))
        .toList();
  }

  @Override
  public Optional<String> tag(String repository, String tag) {
    return Optional.ofNullable(state.get(Store.TAGS, repository, Store.key(repository, tag)));
  }

  @Override
  public List<String> tags(String repository, String last, int limit) {
    String prefix = Store.prefix(repository);
    String after = last == null ? null : prefix + last;
    return suffixes(state.scan(Store.TAGS, repository, prefix, after, limit), prefix);
  }

  @Override
  public OptionalLong tagTime(String repository, String tag) {
    String at = state.get(Store.TAG_TIMES, repository, Store.key(repository, tag));
    return at == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(at));
  }

  @Override
  public List<String> tagsOf(String repository, String digest) {
    if (state.get(Store.TAGS_OF, repository, DerivedIndex.BUILT) != null) {
      String prefix = Store.prefix(repository, digest);
      return suffixes(state.scan(Store.TAGS_OF, repository, prefix, null, ALL), prefix);
    }
    // state folded before the index existed, in the moments before it is built
    String prefix = Store.prefix(repository);
    List<String> tags = new ArrayList<>();
    for (Map.Entry<String, String> e : state.scan(Store.TAGS, repository, prefix, null, ALL)) {
      if (e.getValue().equals(digest)) {
        tags.add(e.getKey().substring(prefix.length()));
      }
    }
    return tags;
  }

  @Override
  public List<String> parentsOf(String repository, String digest) {
    if (state.get(Store.PARENTS, repository, DerivedIndex.BUILT) != null) {
      String prefix = Store.prefix(repository, digest);
      return suffixes(state.scan(Store.PARENTS, repository, prefix, null, ALL), prefix);
    }
    // state folded before the index existed, in the moments before it is built
    return manifests(repository).stream()
        .filter(m -> m.children().contains(digest))
        .map(ManifestEntry::digest)
        .toList();
  }

  @Override
  public OptionalLong blob(String repository, String digest) {
    String size = state.get(Store.BLOBS, repository, Store.key(repository, digest));
    return size == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(size));
  }

  @Override
  public Optional<RepositoryEntry> repository(String name) {
    String json = state.get(Store.REPOSITORIES, name, name);
    return Optional.ofNullable(EntryCodec.decode(json, RepositoryEntry.class));
  }

  @Override
  public List<String> repositories(String last, int limit) {
    return state.scan(Store.REPOSITORIES, null, "", last, limit).stream()
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public List<AccessoryEntry> referrers(String repository, String subject) {
    return accessories(repository, subject).stream().filter(AccessoryEntry::referrer).toList();
  }

  @Override
  public List<AccessoryEntry> accessories(String repository, String subject) {
    return accessories == null
        ? loadAccessories(repository, subject)
        : accessories.get(
            Store.key(repository, subject), () -> loadAccessories(repository, subject));
  }

  private List<AccessoryEntry> loadAccessories(String repository, String subject) {
    String prefix = Store.prefix(repository, subject);
    return state.scan(Store.ACCESSORIES, repository, prefix, null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), AccessoryEntry.class))
        .sorted(BY_ATTACH_TIME)
        .toList();
  }

  @Override
  public List<String> subjectsWithAccessories(String repository) {
    String prefix = Store.prefix(repository);
    List<String> subjects = new ArrayList<>();
    for (Map.Entry<String, String> e :
        state.scan(Store.ACCESSORIES, repository, prefix, null, ALL)) {
      String rest = e.getKey().substring(prefix.length());
      String subject = rest.substring(0, rest.indexOf(Store.SEP));
      if (subjects.isEmpty() || !subjects.get(subjects.size() - 1).equals(subject)) {
        subjects.add(subject);
      }
    }
    return subjects;
  }

  @Override
  public Map<String, String> subjectsOf(String repository, String accessory) {
    String prefix = Store.prefix(repository, accessory);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e :
        state.scan(Store.ACCESSORY_OF, repository, prefix, null, ALL)) {
      out.put(e.getKey().substring(prefix.length()), e.getValue());
    }
    return out;
  }

  @Override
  public List<ImmutableRuleEntry> immutableRules(String project) {
    String prefix = Store.prefix(project, ImmutableFold.RULE);
    return state.scan(Store.IMMUTABLE_RULES, project, prefix, null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), ImmutableRuleEntry.class))
        .toList();
  }

  @Override
  public long highestImmutableRuleId(String project) {
    String highest =
        state.get(Store.IMMUTABLE_RULES, project, Store.key(project, ImmutableFold.HIGHEST));
    return highest == null ? 0 : Long.parseLong(highest);
  }

  @Override
  public Optional<ProjectEntry> project(String name) {
    return Optional.ofNullable(
        entries.get(
            Store.PROJECTS,
            name,
            () -> EntryCodec.decode(state.get(Store.PROJECTS, name, name), ProjectEntry.class)));
  }

  @Override
  public List<ProjectEntry> projects() {
    return state.scan(Store.PROJECTS, null, "", null, ALL).stream()
        .map(e -> EntryCodec.decode(e.getValue(), ProjectEntry.class))
        .toList();
  }

  private static List<String> suffixes(List<Map.Entry<String, String>> entries, String prefix) {
    return entries.stream().map(e -> e.getKey().substring(prefix.length())).toList();
  }
}

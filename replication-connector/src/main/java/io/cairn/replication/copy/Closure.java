package io.cairn.replication.copy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.OciException;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The unit of replication: one subject with everything that must travel with it, in an order in
 * which each manifest comes after what it refers to. For an index: its children (tagged or not),
 * each followed by its own accessories; then the subject; then its accessories, recursively
 * (signatures of SBOMs). A registry refuses an index whose children are missing, and a
 * trust-enforcing target must not see a subject before it can see its signature's subject.
 */
public final class Closure {
  /**
   * How one manifest links to others.
   *
   * @param children the manifests an index lists (empty for an image)
   * @param accessories the manifests that refer to this one (referrers and cosign tags)
   */
  public record Links(List<Digest> children, List<Digest> accessories) {
    public Links {
      children = List.copyOf(children);
      accessories = List.copyOf(accessories);
    }
  }

  /**
   * One manifest to push.
   *
   * @param manifest the bytes as the source serves them
   * @param parsed a reading of those bytes
   * @param cosignTag the cosign tag-scheme tag ({@code sha256-<hex>.sig}) it goes under, or null
   */
  public record Item(Manifest manifest, io.cairn.oci.Manifest parsed, String cosignTag) {
    public Digest digest() {
      return manifest.digest();
    }
  }

  private final Digest subject;
  private final List<Item> items;

  private Closure(Digest subject, List<Item> items) {
    this.subject = subject;
    this.items = List.copyOf(items);
  }

  public Digest subject() {
    return subject;
  }

  /** Every manifest, in push order; the subject is among them. */
  public List<Item> items() {
    return items;
  }

  /**
   * The push order of the closure of {@code root}, each digest once: children (depth first) before
   * their parent, a manifest before its accessories. A cycle (which content addressing makes
   * impossible for children, and a broken registry for accessories) is cut where it closes.
   *
   * @param links the links of a digest; never null for a digest reachable from {@code root}
   */
  public static List<Digest> order(Digest root, Function<Digest, Links> links) {
    List<Digest> out = new ArrayList<>();
    Set<Digest> entered = new HashSet<>();
    // An explicit stack: an index of many platforms with signed children must not overflow.
    Deque<Object> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Object top = stack.pop();
      if (top instanceof Emit emit) {
        out.add(emit.digest());
        continue;
      }
      Digest d = (Digest) top;
      if (!entered.add(d)) {
        continue;
      }
      Links l = links.apply(d);
      // Pushed in reverse: children, then the emit, then accessories come off the stack in order.
      for (int i = l.accessories().size() - 1; i >= 0; i--) {
        stack.push(l.accessories().get(i));
      }
      stack.push(new Emit(d));
      for (int i = l.children().size() - 1; i >= 0; i--) {
        stack.push(l.children().get(i));
      }
    }
    return out;
  }

  private record Emit(Digest digest) {}

  /** A manifest the source serves but no one can read is refused like a registry would (400). */
  private static io.cairn.oci.Manifest parse(Manifest manifest, String repo)
      throws RegistryException {
    try {
      return manifest.parse();
    } catch (OciException e) {
      throw new RegistryException(
          0,
          "MANIFEST_INVALID",
          repo + "@" + manifest.digest() + " is not a manifest: " + e.getMessage(),
          true);
    }
  }

  /** Walks the source from {@code subject} and returns its closure. */
  public static Closure discover(OciClient source, String repo, Digest subject) throws IOException {
    return discover(source, new Accessories(source), repo, subject, Map.of());
  }

  /**
   * Walks the source from {@code subject} and returns its closure, finding accessories with {@code
   * accessories} and taking the manifests in {@code alreadyRead} (by digest, as the source served
   * them a moment ago) instead of asking again.
   */
  public static Closure discover(
      OciClient source,
      AccessoryFinder accessories,
      String repo,
      Digest subject,
      Map<Digest, Manifest> alreadyRead)
      throws IOException {
    Map<Digest, Item> items = new LinkedHashMap<>();
    Map<Digest, Links> graph = new HashMap<>();
    Deque<Digest> todo = new ArrayDeque<>();
    Map<Digest, String> cosignTags = new HashMap<>();
    Set<Digest> accessoryDigests = new HashSet<>();
    todo.add(subject);
    while (!todo.isEmpty()) {
      Digest d = todo.poll();
      if (graph.containsKey(d)) {
        continue;
      }
      Manifest manifest = alreadyRead.get(d);
      try {
        if (manifest == null) {
          manifest = source.getManifest(repo, d.toString());
        }
      } catch (RegistryException e) {
        if (e.status() == 404 && accessoryDigests.contains(d)) {
          // Deleted since it was listed (its own deletion event follows), or a referrers index
          // that outlived a referrer deleted without updating it: either way, not part of it now.
          graph.put(d, new Links(List.of(), List.of()));
          continue;
        }
        throw e;
      }
      io.cairn.oci.Manifest parsed = parse(manifest, repo);
      List<Digest> children = parsed.manifests().stream().map(Descriptor::digest).toList();
      List<Digest> found = new ArrayList<>();
      for (AccessoryFinder.Found f : accessories.of(repo, d)) {
        found.add(f.digest());
        accessoryDigests.add(f.digest());
        if (f.cosignTag() != null) {
          cosignTags.put(f.digest(), f.cosignTag());
        }
      }
      graph.put(d, new Links(children, found));
      items.put(d, new Item(manifest, parsed, null));
      todo.addAll(children);
      todo.addAll(found);
    }
    List<Item> ordered = new ArrayList<>();
    for (Digest d : order(subject, graph::get)) {
      Item item = items.get(d);
      if (item == null) {
        continue; // a dangling referrer entry
      }
      ordered.add(new Item(item.manifest(), item.parsed(), cosignTags.get(d)));
    }
    return new Closure(subject, ordered);
  }
}

package io.cairn.replication.copy;

import io.cairn.oci.Descriptor;
import io.cairn.oci.Digest;
import io.cairn.oci.OciException;
import io.cairn.oci.Tag;
import io.cairn.replication.oci.Manifest;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import io.cairn.replication.oci.Throttle;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies closures from a source registry to a target over the distribution API, idempotently by
 * digest: what the target has is skipped, so a retry after a failure only pushes what is missing
 * and a second run pushes nothing. Deletes at the target the same way.
 *
 * <p>One copier per (source, target) pair; it remembers which target repository received which blob
 * so a later copy into another repository can mount instead of streaming. Thread-safe: closures may
 * be copied concurrently; the one read-modify-write, a subject's tag-schema index, is done under a
 * lock per (repository, subject), so two closures that share a subject never lose an entry.
 */
public final class ArtifactCopier {
  private final OciClient source;
  private final AccessoryFinder sourceAccessories;
  private final OciClient target;
  private final Throttle throttle;
  private final ReferrersTagIndex targetIndex;
  private final Accessories targetAccessories;
  private final boolean override;

  /** Blob digest → a target repository known to hold it (pushed, mounted or found there). */
  private final Map<Digest, String> knownAt = new ConcurrentHashMap<>();

  /** Locks of tag-schema index updates, striped by (repository, subject). */
  private final Object[] indexLocks = new Object[64];

  {
    Arrays.setAll(indexLocks, i -> new Object());
  }

  /** Per target repository: whether the target serves the referrers API (asked once). */
  private final Map<String, Boolean> referrersApi = new ConcurrentHashMap<>();

  /**
   * @param bytesPerSecond blob bytes pushed per second, over all copies of this copier; 0 means
   *     unlimited
   */
  public ArtifactCopier(OciClient source, OciClient target, long bytesPerSecond) {
    this(source, target, bytesPerSecond, true);
  }

  /**
   * @param override Harbor's policy {@code override}: whether a subject's tag that already names
   *     another manifest at the target is moved (true) or left as it is (false). A signature's
   *     cosign tag always moves: a re-sign replaces the signature wherever the subject is.
   */
  public ArtifactCopier(OciClient source, OciClient target, long bytesPerSecond, boolean override) {
    this(source, new Accessories(source), target, bytesPerSecond, override);
  }

  /**
   * As {@link #ArtifactCopier(OciClient, OciClient, long, boolean)}, finding the accessories of the
   * source's manifests with {@code sourceAccessories}.
   */
  public ArtifactCopier(
      OciClient source,
      AccessoryFinder sourceAccessories,
      OciClient target,
      long bytesPerSecond,
      boolean override) {
    this.override = override;
    this.source = source;
    this.sourceAccessories = sourceAccessories;
    this.target = target;
    this.throttle = Throttle.bytesPerSecond(bytesPerSecond);
    this.targetIndex = new ReferrersTagIndex(target);
    this.targetAccessories = new Accessories(target);
  }

  /**
   * Copies the closure of {@code digest} from {@code srcRepo} into {@code dstRepo}, then sets
   * {@code tags} on it. Throws {@link RegistryException} (see {@link
   * RegistryException#permanent()}) on the first failure; what was pushed before it stays, and a
   * retry continues from there.
   */
  public CopyResult copy(String srcRepo, String digest, List<String> tags, String dstRepo)
      throws IOException {
    return copy(srcRepo, digest, tags, dstRepo, Map.of());
  }

  /**
   * As {@link #copy(String, String, List, String)}, taking the source manifests in {@code
   * alreadyRead} (by digest, as the source served them a moment ago) instead of asking again.
   */
  public CopyResult copy(
      String srcRepo,
      String digest,
      List<String> tags,
      String dstRepo,
      Map<Digest, Manifest> alreadyRead)
      throws IOException {
    Digest subject = parse(digest);
    for (String tag : tags) {
      if (!Tag.isValid(tag)) {
        // Checked before anything moves: a bad tag must not leave a closure pushed but untagged.
        throw new RegistryException(0, "TAG_INVALID", "not a tag: '" + tag + "'", true);
      }
    }
    List<Closure.Item> items =
        Closure.discover(source, sourceAccessories, srcRepo, subject, alreadyRead).items();
    Closure.Item root = items.stream().filter(i -> i.digest().equals(subject)).findFirst().get();
    // A subject is tagged only after its accessories are in: a trust-enforcing target must never
    // serve the tag while the signature that makes it pullable is still on its way. With nothing
    // after it, the subject may go under its first tag directly: one write fewer.
    String rootTag =
        override && !tags.isEmpty() && items.get(items.size() - 1) == root ? tags.get(0) : null;
    CopyResult.Tally tally = new CopyResult.Tally();
    boolean rootPushed = false;
    for (Closure.Item item : items) {
      // A signature goes under its cosign tag in the same PUT: the tag always moves (a re-sign
      // replaces the signature wherever the subject is).
      boolean pushed =
          copyManifest(srcRepo, dstRepo, item, item == root ? rootTag : item.cosignTag(), tally);
      if (item == root) {
        rootPushed = pushed;
      }
      if (item.cosignTag() != null && pushed) {
        tally.tagsSet++; // set by the signature's own PUT
      } else if (item.cosignTag() != null) {
        tagCopied(dstRepo, item.cosignTag(), item.manifest(), false, true, tally);
      }
      Descriptor subjectOfItem = item.parsed().subject();
      if (subjectOfItem != null && !hasReferrersApi(dstRepo, subjectOfItem.digest())) {
        synchronized (indexLock(dstRepo, subjectOfItem.digest())) {
          if (targetIndex.add(dstRepo, subjectOfItem.digest(), entry(item))) {
            tally.tagsSet++;
          }
        }
      }
    }
    for (String tag : tags) {
      if (rootPushed && tag.equals(rootTag)) {
        tally.tagsSet++; // set by the subject's own PUT
      } else {
        tagCopied(dstRepo, tag, root.manifest(), rootPushed, override, tally);
      }
    }
    return tally.result();
  }

  /**
   * Deletes {@code digest} at the target with its accessories, recursively, accessories first (an
   * index's children stay: other indexes or tags may hold them). Absent is success.
   */
  public void delete(String dstRepo, String digest) throws IOException {
    Digest subject = parse(digest);
    List<Digest> accessories = new ArrayList<>();
    collectAccessories(dstRepo, subject, accessories);
    Collections.reverse(accessories);
    for (Digest accessory : accessories) {
      deleteOne(dstRepo, accessory.toString());
      synchronized (indexLock(dstRepo, accessory)) {
        targetIndex.delete(dstRepo, accessory); // an SBOM's own index, now empty
      }
    }
    deleteOne(dstRepo, digest);
    synchronized (indexLock(dstRepo, subject)) {
      targetIndex.delete(dstRepo, subject);
    }
  }

  /**
   * Deletes one manifest at the target (one signature), first taking it out of its subject's
   * tag-schema index so the index never lists a manifest that is gone. Absent is success.
   */
  public void deleteOne(String dstRepo, String digest) throws IOException {
    Digest d = parse(digest);
    Manifest manifest;
    try {
      manifest = target.getManifest(dstRepo, d.toString());
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return;
      }
      throw e;
    }
    Descriptor subject = readOrNull(manifest);
    if (subject != null && !hasReferrersApi(dstRepo, subject.digest())) {
      synchronized (indexLock(dstRepo, subject.digest())) {
        targetIndex.remove(dstRepo, subject.digest(), d);
      }
    }
    target.deleteManifest(dstRepo, d.toString());
  }

  /**
   * Pushes the manifest (under {@code tag} when not null, else by digest) unless the target has it;
   * whether it pushed.
   */
  private boolean copyManifest(
      String srcRepo, String dstRepo, Closure.Item item, String tag, CopyResult.Tally t)
      throws IOException {
    if (presentAtTarget(dstRepo, item.digest())) {
      t.manifestsSkipped++;
      return false;
    }
    // a manifest's blobs go at once; the manifest only after all of them are in
    Map<Digest, Descriptor> distinct = new LinkedHashMap<>();
    for (Descriptor blob : item.parsed().blobs()) {
      if (distinct.putIfAbsent(blob.digest(), blob) != null) {
        t.blobsSkipped++; // listed twice (an empty layer, say): brought once
      }
    }
    List<Descriptor> blobs = List.copyOf(distinct.values());
    List<Fanout.Request<BlobCopy>> copies = new ArrayList<>(blobs.size());
    for (Descriptor blob : blobs) {
      copies.add(() -> copyBlob(srcRepo, dstRepo, blob));
    }
    List<BlobCopy> copied = Fanout.all(copies);
    for (int i = 0; i < blobs.size(); i++) {
      switch (copied.get(i)) {
        case SKIPPED -> t.blobsSkipped++;
        case MOUNTED -> t.blobsMounted++;
        case PUSHED -> {
          t.blobsPushed++;
          t.bytes += blobs.get(i).size();
        }
      }
    }
    Manifest m = item.manifest();
    target.putManifest(
        dstRepo, tag != null ? tag : m.digest().toString(), m.mediaType(), m.bytes());
    t.manifestsPushed++;
    return true;
  }

  /** How a blob reached the target. */
  private enum BlobCopy {
    SKIPPED,
    MOUNTED,
    PUSHED
  }

  private BlobCopy copyBlob(String srcRepo, String dstRepo, Descriptor blob) throws IOException {
    String digest = blob.digest().toString();
    if (target.hasBlob(dstRepo, digest)) {
      knownAt.putIfAbsent(blob.digest(), dstRepo);
      return BlobCopy.SKIPPED;
    }
    String elsewhere = knownAt.get(blob.digest());
    if (elsewhere != null
        && !elsewhere.equals(dstRepo)
        && target.mountBlob(dstRepo, digest, elsewhere)) {
      return BlobCopy.MOUNTED;
    }
    try (InputStream in = source.getBlob(srcRepo, digest)) {
      target.putBlob(dstRepo, digest, blob.size(), throttle.wrap(in));
    }
    knownAt.put(blob.digest(), dstRepo);
    return BlobCopy.PUSHED;
  }

  /**
   * Points {@code tag} at the copied {@code manifest} unless it already does; with {@code move}
   * false only when it names nothing (Harbor's {@code override}). When this copy brought the
   * manifest ({@code fresh}), no tag can name it yet and a movable tag is set without asking.
   */
  private void tagCopied(
      String dstRepo,
      String tag,
      Manifest manifest,
      boolean fresh,
      boolean move,
      CopyResult.Tally t)
      throws IOException {
    if (fresh && move) {
      target.putManifest(dstRepo, tag, manifest.mediaType(), manifest.bytes());
      t.tagsSet++;
      return;
    }
    Optional<Descriptor> current;
    try {
      current = target.headManifest(dstRepo, tag);
    } catch (RegistryException e) {
      if (e.status() != 412 || !move) {
        throw e;
      }
      current = Optional.empty(); // withheld by content trust: setting the tag again is harmless
    }
    if (current.isPresent() && current.get().digest().equals(manifest.digest())) {
      return;
    }
    if (current.isPresent() && !move) {
      t.tagsKept++;
      return;
    }
    target.putManifest(dstRepo, tag, manifest.mediaType(), manifest.bytes());
    t.tagsSet++;
  }

  private void collectAccessories(String repo, Digest subject, List<Digest> out)
      throws IOException {
    for (AccessoryFinder.Found f : targetAccessories.of(repo, subject)) {
      if (!out.contains(f.digest()) && !f.digest().equals(subject)) {
        out.add(f.digest());
        collectAccessories(repo, f.digest(), out);
      }
    }
  }

  /**
   * Whether the target has this manifest. A 412 is a target enforcing content trust (Cairn, Harbor)
   * withholding a manifest it has until its signature arrives: that is "present".
   */
  private boolean presentAtTarget(String dstRepo, Digest digest) throws IOException {
    try {
      return target.headManifest(dstRepo, digest.toString()).isPresent();
    } catch (RegistryException e) {
      if (e.status() == 412) {
        return true;
      }
      throw e;
    }
  }

  private Object indexLock(String repo, Digest subject) {
    return indexLocks[Math.floorMod(repo.hashCode() * 31 + subject.hashCode(), indexLocks.length)];
  }

  private boolean hasReferrersApi(String dstRepo, Digest anySubject) throws IOException {
    Boolean known = referrersApi.get(dstRepo);
    if (known == null) {
      known = target.referrers(dstRepo, anySubject.toString()).isPresent();
      referrersApi.put(dstRepo, known);
    }
    return known;
  }

  /** The tag-schema entry for a manifest: what the referrers API would list for it. */
  private static Descriptor entry(Closure.Item item) {
    Manifest m = item.manifest();
    return new Descriptor(
        m.mediaType(),
        m.digest(),
        m.bytes().length,
        item.parsed().effectiveArtifactType(),
        item.parsed().annotations());
  }

  private static Descriptor readOrNull(Manifest manifest) {
    try {
      return manifest.parse().subject();
    } catch (OciException notAManifestWeRead) {
      return null;
    }
  }

  private static Digest parse(String digest) throws RegistryException {
    try {
      return Digest.parse(digest);
    } catch (OciException e) {
      throw new RegistryException(0, "DIGEST_INVALID", e.getMessage(), true);
    }
  }
}

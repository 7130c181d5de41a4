package io.cairn.replication.copy;

/**
 * What one copy did at the target. A second copy of the same closure pushes nothing: {@code
 * manifestsPushed}, {@code blobsPushed}, {@code blobsMounted}, {@code tagsSet} and {@code bytes}
 * are 0.
 *
 * @param manifestsPushed manifests the target did not have
 * @param manifestsSkipped manifests already there (HEAD by digest)
 * @param blobsPushed blobs streamed from the source
 * @param blobsSkipped blobs already there
 * @param blobsMounted blobs mounted from another repository of the target
 * @param tagsSet tags created or moved (subject tags, cosign tags, tag-schema indexes)
 * @param bytes blob bytes streamed
 * @param tagsKept subject tags left naming another manifest, the copier told not to override
 */
public record CopyResult(
    int manifestsPushed,
    int manifestsSkipped,
    int blobsPushed,
    int blobsSkipped,
    int blobsMounted,
    int tagsSet,
    long bytes,
    int tagsKept) {

  /** True when the copy changed nothing at the target. */
  public boolean nothingPushed() {
    return manifestsPushed == 0 && blobsPushed == 0 && blobsMounted == 0 && tagsSet == 0;
  }

  /** Mutable tally while one copy runs; not shared between threads. */
  static final class Tally {
    int manifestsPushed;
    int manifestsSkipped;
    int blobsPushed;
    int blobsSkipped;
    int blobsMounted;
    int tagsSet;
    long bytes;
    int tagsKept;

    CopyResult result() {
      return new CopyResult(
          manifestsPushed,
          manifestsSkipped,
          blobsPushed,
          blobsSkipped,
          blobsMounted,
          tagsSet,
          bytes,
          tagsKept);
    }
  }
}

package io.cairn.replication.execution;

import io.cairn.oci.Descriptor;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import io.cairn.replication.policy.ResourceFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Reads what a source registry holds over the distribution API alone, so that any registry can be a
 * source: the catalog, each repository's tags, and a HEAD per tag for its digest.
 *
 * <p>Two shortcuts, each because it saves a request per tag without changing the plan: a repository
 * the name filters exclude is not listed, and an accessory's tag ({@link AccessoryTag}) is not
 * resolved, since the plan would skip its digest anyway (a manifest tagged both as an accessory and
 * otherwise is then taken for a subject; such a thing has no meaning a plan could respect). Whether
 * a manifest is an image or another artifact would take a GET of its config: every subject counts
 * as an image. A tag the source withholds (412, content trust) or no longer has (404) is left out.
 */
final class SourceInventory {
  private final OciClient source;
  private final ResourceFilter filter;
  private final Retrier retrier;
  private final BooleanSupplier stop;

  SourceInventory(OciClient source, ResourceFilter filter, Retrier retrier, BooleanSupplier stop) {
    this.source = source;
    this.filter = filter;
    this.retrier = retrier;
    this.stop = stop;
  }

  /**
   * Every repository the filters may select, with its tags. Throws the first failure that retries
   * could not get past (an unreachable source, a refused catalog), or {@link Retrier.Stopped}.
   */
  List<SourceRepository> read() throws IOException, Retrier.Stopped {
    List<SourceRepository> out = new ArrayList<>();
    for (String repository : retrier.call(source::catalog)) {
      if (stop.getAsBoolean()) {
        throw new Retrier.Stopped(null);
      }
      if (filter.mayMatch(repository)) {
        out.add(new SourceRepository(repository, tags(repository)));
      }
    }
    return out;
  }

  private Map<String, String> tags(String repository) throws IOException, Retrier.Stopped {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String tag : retrier.call(() -> source.tags(repository))) {
      if (AccessoryTag.matches(tag)) {
        continue;
      }
      Optional<Descriptor> head;
      try {
        head = retrier.call(() -> source.headManifest(repository, tag));
      } catch (RegistryException e) {
        if (e.status() != 412) {
          throw e;
        }
        // A source enforcing content trust (Cairn, Harbor) withholds an unsigned artifact: it
        // cannot be pulled, so it cannot be copied, and it must not fail the whole execution.
        continue;
      }
      // Absent: the tag was deleted since it was listed; there is nothing to copy under it.
      head.ifPresent(d -> digests.put(tag, d.digest().toString()));
    }
    return digests;
  }
}

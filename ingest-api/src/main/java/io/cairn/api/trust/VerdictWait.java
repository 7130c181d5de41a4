package io.cairn.api.trust;

import io.cairn.accessory.AccessoryLink;
import io.cairn.api.Backend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes for signing under verified content trust: the push of a signature is answered
 * once the policy processor's verdict covers it, so a client that signs and then pulls is judged on
 * the signature it just pushed. Verdicts normally follow within milliseconds; after {@link #LIMIT}
 * the push is answered anyway (it is stored either way) and the pull may briefly see "pending".
 */
public final class VerdictWait {
  private static final Logger LOG = LoggerFactory.getLogger(VerdictWait.class);
  static final Duration LIMIT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 5;

  private final Backend backend;

  public VerdictWait(Backend backend) {
    this.backend = backend;
  }

  /** Completes once every signature in {@code links} has a current verdict (or at the limit). */
  public Future<Void> covered(String repository, List<AccessoryLink> links) {
    List<AccessoryLink> signatures =
        links.stream().filter(link -> link.type().isSignature()).toList();
    String project = repository.substring(0, repository.indexOf('/'));
    boolean verified =
        backend
            .view()
            .project(project)
            .map(p -> "verified".equals(p.meta(ContentTrustGate.MODE)))
            .orElse(false);
    if (signatures.isEmpty() || !verified) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    poll(project, repository, signatures, deadline, done);
    return done.future();
  }

  private void poll(
      String project,
      String repository,
      List<AccessoryLink> signatures,
      long deadline,
      Promise<Void> done) {
    if (signatures.stream().allMatch(link -> decided(project, repository, link))) {
      done.complete();
    } else if (System.nanoTime() > deadline) {
      LOG.warn("no trust verdict within {} for signatures in {}", LIMIT, repository);
      done.complete();
    } else {
      backend
          .vertx()
          .setTimer(POLL_MILLIS, id -> poll(project, repository, signatures, deadline, done));
    }
  }

  private boolean decided(String project, String repository, AccessoryLink link) {
    long generation = backend.trust().generation(project);
    String signature = link.accessory().toString();
    return backend
        .trust()
        .verdict(repository, link.subject().toString())
        .filter(v -> v.generation() == generation)
        .filter(v -> v.signatures().stream().anyMatch(c -> c.signatureDigest().equals(signature)))
        .isPresent();
  }
}

package io.cairn.policy.verdict;

import io.cairn.accessory.AccessoryType;
import io.cairn.blob.BlobStore;
import io.cairn.events.AccessoryAttached;
import io.cairn.events.AccessoryDetached;
import io.cairn.events.Actor;
import io.cairn.events.ActorKind;
import io.cairn.events.CosignKeyAdded;
import io.cairn.events.CosignKeyRemoved;
import io.cairn.events.EventLog;
import io.cairn.events.NotationCertificateAdded;
import io.cairn.events.NotationCertificateRemoved;
import io.cairn.events.NotationPolicySet;
import io.cairn.events.RegistryEvent;
import io.cairn.events.SignatureCheck;
import io.cairn.events.TrustEvaluated;
import io.cairn.projection.AppliedOffsets;
import io.cairn.projection.RegistryView;
import io.cairn.projection.TrustView;
import io.cairn.projection.VerdictEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every subject's trust verdict current: a consumer of the event log that, when a signature
 * is attached or detached, verifies that subject's signatures, and when a project's trust material
 * changes, verifies every signed subject of the project again. Each verdict that differs from the
 * stored one is written back as a {@code TrustEvaluated} event, so a pull is one lookup and the
 * history says who was trusted when.
 *
 * <p>Before deciding, it waits until the local projection has applied the events it consumed, so
 * what it reads includes them. One thread processes everything in consumption order; that and the
 * wait make the last verdict written for a subject reflect the last trust change consumed. Offsets
 * are committed after the verdicts are durable: a crash repeats work, never skips it.
 */
public final class PolicyProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyProcessor.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How often offsets are committed. Each commit is a write to the group coordinator, and a commit
   * after every batch cost the broker one per event under load (350 a second at 80 pushed signed
   * images a second); a crash redecides at most this much of the log, and deciding again is
   * harmless: a verdict is written only when it differs from the stored one.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  private static final Actor ACTOR = new Actor(ActorKind.SYSTEM, "policy-processor");

  private final KafkaConsumer<String, RegistryEvent> consumer;
  private final String topic;
  private final RegistryView view;
  private final TrustView trust;
  private final StoredBlobs blobs;
  private final AppliedOffsets applied;
  private final EventLog log;
  private final Clock clock;
  private final String origin;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /** A subject of a repository. */
  private record Subject(String repository, String digest) {}

  public PolicyProcessor(
      KafkaConsumer<String, RegistryEvent> consumer,
      String topic,
      RegistryView view,
      TrustView trust,
      BlobStore blobs,
      AppliedOffsets applied,
      EventLog log,
      Clock clock,
      String origin) {
    this.consumer = consumer;
    this.topic = topic;
    this.view = view;
    this.trust = trust;
    this.blobs = new StoredBlobs(blobs);
    this.applied = applied;
    this.log = log;
    this.clock = clock;
    this.origin = origin;
    this.thread = new Thread(this::run, "cairn-policy-processor");
    this.thread.setDaemon(true);
  }

  public void start() {
    consumer.subscribe(List.of(topic));
    thread.start();
  }

  private void run() {
    boolean uncommitted = false;
    long lastCommit = System.nanoTime();
    try {
      while (running.get()) {
        ConsumerRecords<String, RegistryEvent> records = consumer.poll(POLL);
        try {
          if (!records.isEmpty()) {
            process(records);
            uncommitted = true;
          }
          if (uncommitted && System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
            consumer.commitSync();
            uncommitted = false;
            lastCommit = System.nanoTime();
          }
        } catch (RuntimeException e) {
          if (!running.get()) {
            break;
          }
          // Not committed: seek back and decide this batch again.
          LOG.warn("policy processor batch failed, retrying: {}", e.toString());
          records.partitions().forEach(p -> consumer.seek(p, records.records(p).get(0).offset()));
          sleep(Duration.ofSeconds(1));
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } finally {
      if (uncommitted) {
        commitOnClose();
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** What was decided before a clean stop need not be decided again at the next start. */
  private void commitOnClose() {
    try {
      consumer.commitSync(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("offsets not committed at close, the next start decides again: {}", e.toString());
    }
  }

  private void process(ConsumerRecords<String, RegistryEvent> records) {
    Set<Subject> subjects = new LinkedHashSet<>();
    Set<String> projects = new LinkedHashSet<>();
    Map<Integer, Long> last = new HashMap<>();
    for (ConsumerRecord<String, RegistryEvent> record : records) {
      last.merge(record.partition(), record.offset(), Math::max);
      if (record.value() != null) {
        plan(record.value(), subjects, projects);
      }
    }
    if (subjects.isEmpty() && projects.isEmpty()) {
      return;
    }
    awaitApplied(last);
    for (String project : projects) {
      subjects.addAll(signedSubjects(project));
    }
    Map<String, ProjectTrust> byProject = new HashMap<>();
    List<RegistryEvent> verdicts = new ArrayList<>();
    for (Subject subject : subjects) {
      String project = subject.repository().substring(0, subject.repository().indexOf('/'));
      ProjectTrust projectTrust =
          byProject.computeIfAbsent(project, p -> ProjectTrust.of(trust, p));
      TrustEvaluated verdict =
          SubjectEvaluation.evaluate(
              projectTrust,
              subject.repository(),
              subject.digest(),
              view.accessories(subject.repository(), subject.digest()),
              blobs,
              clock.instant());
      if (!same(verdict, trust.verdict(subject.repository(), subject.digest()))) {
        verdicts.add(event(project, subject.repository(), verdict));
      }
    }
    if (!verdicts.isEmpty()) {
      join(log.append(verdicts));
      LOG.debug("wrote {} trust verdicts", verdicts.size());
    }
  }

  /** What an event asks to be decided again. */
  private static void plan(RegistryEvent event, Set<Subject> subjects, Set<String> projects) {
    Object payload = event.getPayload();
    if (payload instanceof AccessoryAttached p && isSignature(p.getType())) {
      subjects.add(new Subject(event.getRepository(), p.getSubjectDigest()));
    } else if (payload instanceof AccessoryDetached p) {
      subjects.add(new Subject(event.getRepository(), p.getSubjectDigest()));
    } else if (payload instanceof CosignKeyAdded
        || payload instanceof CosignKeyRemoved
        || payload instanceof NotationCertificateAdded
        || payload instanceof NotationCertificateRemoved
        || payload instanceof NotationPolicySet) {
      projects.add(event.getProject());
    }
  }

  private static boolean isSignature(String type) {
    return AccessoryType.fromWireName(type).map(AccessoryType::isSignature).orElse(false);
  }

  private List<Subject> signedSubjects(String project) {
    List<Subject> out = new ArrayList<>();
    String prefix = project + "/";
    String after = prefix;
    while (true) {
      List<String> batch = view.repositories(after, 500);
      for (String repository : batch) {
        if (!repository.startsWith(prefix)) {
          return out;
        }
        for (String subject : view.subjectsWithAccessories(repository)) {
          out.add(new Subject(repository, subject));
        }
      }
      if (batch.size() < 500) {
        return out;
      }
      after = batch.get(batch.size() - 1);
    }
  }

  /** Whether {@code verdict} says what the stored one says (ignoring when it was said). */
  private static boolean same(TrustEvaluated verdict, Optional<VerdictEntry> stored) {
    if (stored.isEmpty() || stored.get().generation() != verdict.getTrustGeneration()) {
      return false;
    }
    List<VerdictEntry.Check> old = stored.get().signatures();
    if (old.size() != verdict.getSignatures().size()) {
      return false;
    }
    for (int i = 0; i < old.size(); i++) {
      SignatureCheck now = verdict.getSignatures().get(i);
      VerdictEntry.Check was = old.get(i);
      if (!was.signatureDigest().equals(now.getSignatureDigest())
          || !was.outcome().equals(now.getOutcome())
          || !Objects.equals(was.verifiedBy(), now.getVerifiedBy())
          || !Objects.equals(was.reason(), now.getReason())) {
        return false;
      }
    }
    return true;
  }

  private RegistryEvent event(String project, String repository, TrustEvaluated verdict) {
    return RegistryEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(clock.instant())
        .setActor(ACTOR)
        .setOrigin(origin)
        .setRequestId(null)
        .setProject(project)
        .setRepository(repository)
        .setPayload(verdict)
        .build();
  }

  private void awaitApplied(Map<Integer, Long> last) {
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    last.forEach((partition, offset) -> waits.add(applied.whenApplied(partition, offset)));
    join(
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
            .orTimeout(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(10_000);
  }
}

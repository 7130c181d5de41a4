package io.cairn.replication.connect;

import io.cairn.events.AvroTrust;
import io.cairn.events.RegistryEvent;
import io.cairn.events.RegistryEventSerde;
import io.cairn.replication.copy.ArtifactCopier;
import io.cairn.replication.oci.Endpoint;
import io.cairn.replication.oci.OciClient;
import io.cairn.replication.oci.RegistryException;
import io.cairn.schemaregistry.HttpSchemaRegistryClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of {@link ReplicationSinkConnector}. Values arrive as raw bytes ({@code
 * value.converter=ByteArrayConverter}) in Confluent's wire format and are decoded with the schemas
 * of the source's own schema registry.
 *
 * <p>The sink offset contract: {@link #put} returns only when every step of its records is done at
 * the target, and Connect commits an offset only after the {@code put} that received it has
 * returned (the default {@code preCommit}), so a committed offset never runs ahead of what the
 * target holds. A step that fails for a reason that may pass (the target or source unreachable, a
 * 5xx, a timeout) fails the whole batch as retriable: Connect hands the same records back after a
 * backoff, and the copier skips what already arrived. A step the target refuses for good (a 4xx)
 * goes to the dead-letter topic when one is configured ({@code errors.tolerance=all}, {@code
 * errors.deadletterqueue.topic.name}), is logged with the reason either way, and the rest go on.
 */
public final class ReplicationSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(ReplicationSinkTask.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  /** Closures copied at once within a batch. */
  private static final int COPIES = 8;

  private RegistryEventSerde events;
  private EventPlan plan;
  private Replicator replicator;
  private SourceArtifacts sourceArtifacts;
  private OciClient source;
  private OciClient target;
  private ErrantRecordReporter deadLetters;
  private long backoff = FIRST_BACKOFF_MS;
  private final Holds holds = new Holds();

  /** Concurrent copies of one batch: each waits mostly on the two registries. */
  private ExecutorService copies;

  private HoldExpiry expiry;
  private ExecutionReports reports;

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    AvroTrust.trustCairnEvents();
    ReplicationConfig config = new ReplicationConfig(props);
    Endpoint from =
        new Endpoint(config.sourceUrl(), config.sourceUsername(), config.sourcePassword(), false);
    Endpoint to =
        new Endpoint(
            config.targetUrl(),
            config.targetUsername(),
            config.targetPassword(),
            config.targetInsecure());
    this.events =
        new RegistryEventSerde(new HttpSchemaRegistryClient(SourceArtifacts.schemaRegistry(from)));
    this.source = new OciClient(from, TIMEOUT);
    this.target = new OciClient(to, TIMEOUT);
    this.plan = new EventPlan(config.replicateDeletion());
    this.reports = new ExecutionReports(from, config.policyId(), TIMEOUT);
    this.copies =
        Executors.newFixedThreadPool(
            COPIES,
            r -> {
              Thread t = new Thread(r, "cairn-replication-copy");
              t.setDaemon(true);
              return t;
            });
    this.sourceArtifacts = new SourceArtifacts(source, from, TIMEOUT);
    this.replicator =
        new Replicator(
            sourceArtifacts,
            new ArtifactCopier(
                source, sourceArtifacts, target, config.bytesPerSecond(), config.override()),
            config.filter(),
            config.destination());
    this.expiry = new HoldExpiry(holds, config.trustHold(), replicator);
    try {
      this.deadLetters = context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError olderWorker) {
      this.deadLetters = null; // a worker before Kafka 2.6 has no reporter
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    List<ExecutionReports.Task> report = new ArrayList<>();
    try {
      expireHolds(report);
      if (!records.isEmpty()) {
        carryOut(records, report);
      }
    } finally {
      // what changed the target stands even when the batch is retried: it is reported once
      reports.report(report); // gathered; sent from a thread of its own when due
    }
  }

  private void carryOut(Collection<SinkRecord> records, List<ExecutionReports.Task> report) {
    List<RegistryEvent> decoded = new ArrayList<>();
    List<SinkRecord> sources = new ArrayList<>();
    for (SinkRecord record : records) {
      RegistryEvent event = decode(record);
      if (event != null) {
        decoded.add(event);
        sources.add(record);
      }
    }
    List<Step> steps = plan.of(decoded, holds::holds);
    long began = System.currentTimeMillis();
    if (steps.stream().anyMatch(Step.Replicate.class::isInstance)) {
      awaitSource(records); // only a copy reads the source back
    }
    long applied = System.currentTimeMillis();
    // A run of copies goes concurrently (EventPlan leaves each subject in it once, and closures of
    // different subjects are independent); a deletion waits for what precedes it and runs alone,
    // so nothing is reordered across it.
    for (int i = 0; i < steps.size(); ) {
      int end = i + 1;
      if (steps.get(i) instanceof Step.Replicate) {
        while (end < steps.size() && steps.get(end) instanceof Step.Replicate) {
          end++;
        }
      }
      List<Step> run = steps.subList(i, end);
      List<Future<StepOutcome>> done = new ArrayList<>();
      for (Step step : run) {
        done.add(run.size() == 1 ? completed(step) : copies.submit(() -> replicator.run(step)));
      }
      Step failedStep = null;
      IOException failure = null;
      for (int k = 0; k < run.size(); k++) {
        IOException failed = settle(run.get(k), done.get(k), decoded, sources, report);
        if (failed != null && failure == null) {
          failedStep = run.get(k);
          failure = failed;
        }
      }
      if (failure != null) {
        throw retry(failedStep, failure); // the whole batch comes back; what arrived is skipped
      }
      i = end;
    }
    backoff = FIRST_BACKOFF_MS;
    // Where a replication's lag goes: delivery to the task, the source's projection, the copies.
    if (log.isDebugEnabled()) {
      long oldest =
          records.stream()
              .map(SinkRecord::timestamp)
              .filter(t -> t != null)
              .mapToLong(Long::longValue)
              .min()
              .orElse(began);
      log.debug(
          "{} records, {} steps: oldest written {} ms before the batch; the source applied them"
              + " {} ms later; steps done {} ms after that",
          records.size(),
          steps.size(),
          began - oldest,
          applied - began,
          System.currentTimeMillis() - applied);
    }
  }

  /** Runs {@code step} on the task's own thread. */
  private Future<StepOutcome> completed(Step step) {
    FutureTask<StepOutcome> task = new FutureTask<>(() -> replicator.run(step));
    task.run();
    return task;
  }

  /** Records how {@code step} ended; returns the failure to retry the batch for, if any. */
  private IOException settle(
      Step step,
      Future<StepOutcome> outcome,
      List<RegistryEvent> decoded,
      List<SinkRecord> sources,
      List<ExecutionReports.Task> report) {
    try {
      StepOutcome ended = outcome.get();
      if (ended.held().isPresent()) {
        holds.hold(step, recordOf(step, decoded, sources), Instant.now(), ended.held().get());
      } else {
        holds.release(step);
      }
      report.addAll(ended.done());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new IOException("interrupted while copying " + step, e);
    } catch (ExecutionException wrapped) {
      Throwable e = wrapped.getCause();
      if (e instanceof RegistryException r && r.permanent()
          || e instanceof IllegalArgumentException) {
        // a refusal for good, or e.g. a destination name too short
        refused(step, (Exception) e, recordOf(step, decoded, sources));
        report.add(failedTask(step, "refused by the target: " + e.getMessage()));
        return null;
      }
      if (e instanceof IOException io) {
        return io;
      }
      throw new ConnectException("replication of " + step + " failed: " + e, e);
    }
  }

  /**
   * Never commits past a held subject's record: after a restart it is asked about again. Connect
   * commits what this returns, so the holds survive the task.
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return holds.cap(currentOffsets);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    holds.forget(partitions);
  }

  /**
   * Subjects held past the deadline ({@link HoldExpiry}): one reported as not replicated is logged,
   * and sent to the dead-letter topic with the reason when one is configured. A commit is asked for
   * at once: otherwise the offsets would stay behind its record until the worker's next periodic
   * commit (a minute by default), and a restart in between would hold the subject again for a whole
   * deadline and report it twice.
   */
  private void expireHolds(List<ExecutionReports.Task> report) {
    boolean expired =
        expiry.expire(
            Instant.now(),
            report,
            (held, why) -> {
              deadLetter(held.record(), new IllegalStateException(why));
              report.add(failedTask(held.step(), why));
            });
    if (expired) {
      context.requestCommit();
    }
  }

  /**
   * The source applies its own log asynchronously: before reading back what these records say, wait
   * until its projection has applied the last of them in each partition.
   */
  private void awaitSource(Collection<SinkRecord> records) {
    Map<Integer, Long> last = new TreeMap<>();
    for (SinkRecord record : records) {
      last.merge(record.kafkaPartition(), record.kafkaOffset(), Math::max);
    }
    for (Map.Entry<Integer, Long> e : last.entrySet()) {
      try {
        sourceArtifacts.awaitApplied(e.getKey(), e.getValue());
      } catch (IOException unavailable) {
        throw retry(null, unavailable);
      }
    }
  }

  private RegistryEvent decode(SinkRecord record) {
    if (!(record.value() instanceof byte[] bytes)) {
      if (record.value() != null) {
        throw new ConnectException(
            "replication needs value.converter=org.apache.kafka.connect.converters"
                + ".ByteArrayConverter; got "
                + record.value().getClass().getName());
      }
      return null;
    }
    try {
      return events.deserialize(record.topic(), bytes);
    } catch (RuntimeException e) {
      if (isUnreachable(e)) {
        throw retry(null, new IOException(e.getMessage(), e));
      }
      log.error(
          "record {}-{}@{} is not a Cairn event and is skipped: {}",
          record.topic(),
          record.kafkaPartition(),
          record.kafkaOffset(),
          e.getMessage());
      deadLetter(record, e);
      return null;
    }
  }

  /** A schema registry that cannot be reached is an outage, not a bad record. */
  private static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private RetriableException retry(Step step, Exception e) {
    log.warn(
        "replication of {} failed and is retried in {} ms: {}",
        step == null ? "a batch" : step,
        backoff,
        e.getMessage());
    context.timeout(backoff);
    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    return new RetriableException(e);
  }

  /** A task of the policy's execution for a step that failed for good, and why. */
  private ExecutionReports.Task failedTask(Step step, String why) {
    boolean copy = step instanceof Step.Replicate;
    return new ExecutionReports.Task(
        copy ? "copy" : "deletion",
        "artifact",
        step.repository() + "@" + step.digest(),
        replicator.destinationOf(step.repository()) + "@" + step.digest(),
        "Failed",
        0,
        step + " failed: " + why);
  }

  private void refused(Step step, Exception e, SinkRecord record) {
    log.error("the target refused {} for good: {}", step, e.getMessage());
    deadLetter(record, e);
  }

  private void deadLetter(SinkRecord record, Exception e) {
    if (deadLetters != null && record != null) {
      deadLetters.report(record, e);
    }
  }

  /** The first record of the batch whose event asked for {@code step}. */
  private SinkRecord recordOf(Step step, List<RegistryEvent> decoded, List<SinkRecord> sources) {
    for (int i = 0; i < decoded.size(); i++) {
      if (plan.of(decoded.get(i)).contains(step)) {
        return sources.get(i);
      }
    }
    return null;
  }

  @Override
  public void stop() {
    if (copies != null) {
      copies.shutdownNow();
    }
    closeQuietly(reports);
    closeQuietly(source);
    closeQuietly(target);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("closing a registry client failed", e);
    }
  }
}

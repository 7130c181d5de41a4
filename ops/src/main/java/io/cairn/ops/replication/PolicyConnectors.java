package io.cairn.ops.replication;

import io.cairn.ops.connect.EmbeddedConnect;
import io.cairn.projection.EndpointView;
import io.cairn.projection.PolicyView;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded Connect worker running exactly the connectors the replication policies ask for
 * ({@link ConnectorPlan}): a policy created, changed, disabled or deleted through the API is a
 * connector created, reconfigured or removed within a second. The worker itself starts only when
 * the first connector is wanted, so a Cairn without event-based replication pays nothing for it.
 *
 * <p>Policies are read from the projection, so this follows the log: a policy written through
 * another instance, or replayed by a rebuild, is acted on the same way. A connector removed keeps
 * its consumer group's position, so a policy disabled and enabled again resumes where it stopped.
 */
public final class PolicyConnectors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyConnectors.class);
  private static final long PERIOD_MS = 1000;

  private final ConnectorPlan plan;
  private final PolicyView policies;
  private final EndpointView endpoints;
  private final Supplier<EmbeddedConnect> startWorker;
  private final Map<String, Map<String, String>> running = new HashMap<>();
  private final Map<String, String> lastFailure = new HashMap<>();
  private ScheduledFuture<?> reconciling;
  private EmbeddedConnect worker;
  private boolean closed;

  private PolicyConnectors(
      ConnectorPlan plan,
      PolicyView policies,
      EndpointView endpoints,
      Supplier<EmbeddedConnect> startWorker) {
    this.plan = plan;
    this.policies = policies;
    this.endpoints = endpoints;
    this.startWorker = startWorker;
  }

  /**
   * @param timer reconciles every second; the caller shuts it down
   * @param startWorker starts the worker; called at most once, when the first connector is wanted
   */
  public static PolicyConnectors start(
      ScheduledExecutorService timer,
      ConnectorPlan plan,
      PolicyView policies,
      EndpointView endpoints,
      Supplier<EmbeddedConnect> startWorker) {
    PolicyConnectors connectors = new PolicyConnectors(plan, policies, endpoints, startWorker);
    connectors.reconciling =
        timer.scheduleWithFixedDelay(
            connectors::reconcileQuietly, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    return connectors;
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warn("replication connectors not reconciled, retrying: {}", e.toString());
    }
  }

  /** Brings the worker to the plan: new and changed connectors put, removed ones deleted. */
  synchronized void reconcile() {
    if (closed) {
      return; // a run that began as close() cancelled it: no worker after close
    }
    Map<String, Map<String, String>> wanted = plan.of(policies.policies(), endpoints::endpoint);
    for (Map.Entry<String, Map<String, String>> e : wanted.entrySet()) {
      if (!Objects.equals(running.get(e.getKey()), e.getValue())) {
        apply(e.getKey(), e.getValue());
      }
    }
    for (String name : Map.copyOf(running).keySet()) {
      if (!wanted.containsKey(name)) {
        apply(name, null);
      }
    }
  }

  private void apply(String name, Map<String, String> settings) {
    try {
      if (settings == null) {
        worker.delete(name);
        running.remove(name);
        LOG.info("replication connector {} removed", name);
      } else {
        if (worker == null) {
          worker = startWorker.get();
        }
        worker.put(name, settings);
        running.put(name, settings);
        LOG.info("replication connector {} runs policy {}", name, settings.get("policy.id"));
      }
      lastFailure.remove(name);
    } catch (Exception e) {
      // once per distinct reason: a target that stays misconfigured does not flood the log
      String why = e.getMessage();
      if (!Objects.equals(lastFailure.put(name, why), why)) {
        LOG.warn("replication connector {} could not be changed, retrying: {}", name, why);
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The worker, once a connector made it start; for status and tests. */
  public synchronized Optional<EmbeddedConnect> worker() {
    return Optional.ofNullable(worker);
  }

  @Override
  public void close() throws InterruptedException {
    reconciling.cancel(true);
    synchronized (this) { // waits out a reconciliation under way
      closed = true;
      if (worker != null) {
        worker.close();
      }
    }
  }
}

package io.cairn.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that owns one producer: appends queue up, and each turn writes everything
 * queued so far as one batch. A failed batch fails its appends and resets the producer, so a broker
 * outage costs the appends made during it and nothing after.
 */
abstract class Lane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  private static final int MAX_BATCH = 512;

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final Thread thread;
  private volatile boolean closed;

  Lane(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** An append waiting for its turn. */
  record Pending(List<RegistryEvent> events, CompletableFuture<List<EventLog.Position>> done) {}

  /** Appends queued or being written; a dispatcher prefers the least busy lane. */
  int backlog() {
    return outstanding.get();
  }

  void submit(Pending pending) {
    if (closed) {
      pending.done().completeExceptionally(new IllegalStateException("event log closed"));
    } else {
      outstanding.incrementAndGet();
      queue.add(pending);
    }
  }

  /** Writes the batch and completes every append in it; throws to fail them all. */
  abstract void write(List<Pending> batch) throws InterruptedException;

  /** Drops the producer after a failure; the next batch makes a new one. */
  abstract void reset();

  private void run() {
    while (!closed) {
      List<Pending> batch = new ArrayList<>();
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
        outstanding.addAndGet(-batch.size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(batch, e);
        return;
      } catch (RuntimeException e) {
        LOG.warn("{}: writing {} appends failed: {}", thread.getName(), batch.size(), e.toString());
        reset();
        fail(batch, e);
      }
    }
  }

  private void fail(List<Pending> batch, Throwable cause) {
    outstanding.addAndGet(-batch.size());
    batch.forEach(p -> p.done().completeExceptionally(cause));
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join(30_000);
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new IllegalStateException("event log closed"));
    reset();
  }
}

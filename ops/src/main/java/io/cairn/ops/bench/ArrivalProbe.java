package io.cairn.ops.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches a registry for manifests to appear: the {@link #CONNECTIONS} longest-awaited references
 * get a HEAD each, over as many kept-alive connections, until one answers 200; its arrival time is
 * when that answer came back. A reference is asked again {@link #POLL_MS} after its last answer, or
 * later the longer it has been awaited: one {@link #PERIOD_SHARE}th of its wait so far. A lag is
 * thus overstated by at most one round trip plus the larger of 5 ms and 5 %, and a lag of seconds
 * costs the registry tens of HEADs, not hundreds (asked every 5 ms, four awaited signatures were
 * 520 HEADs a second on the target at 20 images/s, load the replication it measures does not have
 * in use). Counts its polls: they are load on the registry it watches.
 *
 * <p>Only the oldest few are asked about, so the probe's load stays bounded (at most {@code
 * CONNECTIONS} per poll period) however far replication falls behind: asking about every one of a
 * backlog of hundreds every few milliseconds would take the CPU the replication needs. One
 * connector task copies a repository's images in the order they were pushed, so the oldest awaited
 * are the next to arrive; one that overtook an older one would be seen when it became one of the
 * oldest, its lag overstated, never understated.
 */
final class ArrivalProbe implements AutoCloseable {
  static final long POLL_MS = 5;
  static final int CONNECTIONS = 4;

  /** A reference is asked again after this share of how long it has been awaited, at the least. */
  static final int PERIOD_SHARE = 20;

  private static final String ACCEPT =
      "application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,"
          + "application/vnd.docker.distribution.manifest.v2+json";

  private final Vertx vertx;
  private final HttpClient client;
  private final long timer;

  /** By the order {@link #watch} was called in: the oldest first. */
  private final ConcurrentSkipListMap<Long, Watch> pending = new ConcurrentSkipListMap<>();

  private final AtomicLong watched = new AtomicLong();
  private final Latencies lags = new Latencies();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong lastArrival = new AtomicLong();

  /**
   * One reference awaited; {@code since} is the {@link System#nanoTime} its lag counts from, {@code
   * next} when it may be asked again.
   */
  private record Watch(
      long order, String path, long since, AtomicBoolean asking, AtomicLong next) {}

  ArrivalProbe(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(host)
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    this.timer = vertx.setPeriodic(POLL_MS, id -> pollAll());
  }

  /** Awaits {@code reference} in {@code repository}, its lag counted from {@code since}. */
  void watch(String repository, String reference, long since) {
    long order = watched.incrementAndGet();
    String path = "/v2/" + repository + "/manifests/" + reference;
    pending.put(order, new Watch(order, path, since, new AtomicBoolean(), new AtomicLong(since)));
  }

  private void pollAll() {
    int oldest = 0;
    long now = System.nanoTime();
    for (Watch watch : pending.values()) {
      if (oldest++ == CONNECTIONS) {
        return;
      }
      if (now - watch.next().get() >= 0 && watch.asking().compareAndSet(false, true)) {
        poll(watch);
      }
    }
  }

  private void poll(Watch watch) {
    polls.incrementAndGet();
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.HEAD)
                .setURI(watch.path())
                .putHeader("Accept", ACCEPT))
        .compose(request -> request.send())
        .compose(response -> response.body().map(b -> response.statusCode()))
        .onComplete(
            status -> {
              long now = System.nanoTime();
              if (status.succeeded() && status.result() == 200) {
                if (pending.remove(watch.order(), watch)) {
                  lags.record(now - watch.since());
                  lastArrival.accumulateAndGet(now, Math::max);
                }
              } else {
                if (status.failed()) {
                  errors.incrementAndGet();
                }
                long period =
                    Math.max(
                        TimeUnit.MILLISECONDS.toNanos(POLL_MS),
                        (now - watch.since()) / PERIOD_SHARE);
                watch.next().set(now + period);
                watch.asking().set(false);
              }
            });
  }

  /** Waits until nothing is awaited or {@code timeout} passed; how many are still awaited. */
  int awaitArrivals(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MS);
    }
    return pending.size();
  }

  /** The lag of every arrival so far. */
  Latencies lags() {
    return lags;
  }

  /**
   * Every lag, the ones still awaited counted at how long they have waited so far: a lower bound of
   * each, so percentiles over all pushed images are never flattered by leaving out the slowest.
   */
  Latencies lagsCountingAwaited() {
    long now = System.nanoTime();
    Latencies all = new Latencies();
    all.addAll(lags);
    for (Watch watch : pending.values()) {
      all.record(now - watch.since());
    }
    return all;
  }

  /** When the latest arrival was seen ({@link System#nanoTime}); 0 before the first. */
  long lastArrival() {
    return lastArrival.get();
  }

  long polls() {
    return polls.get();
  }

  /** Polls that got no answer at all (a refused or broken connection). */
  long errors() {
    return errors.get();
  }

  @Override
  public void close() throws Exception {
    vertx.cancelTimer(timer);
    client.close().toCompletionStage().toCompletableFuture().get();
  }
}

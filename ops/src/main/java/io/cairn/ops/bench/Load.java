package io.cairn.ops.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code connections} requests in flight at all times for a fixed time, each
 * answered body read to its end. Counts requests, bytes and latencies; any status other than the
 * expected one counts as an error.
 */
final class Load {
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Vertx vertx;

  Load(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * The numbers of one run. {@code cpuNanos}: CPU time this whole process used meanwhile (server,
   * embedded broker and load generator when the bench started Cairn itself), which other processes
   * on the machine do not inflate the way they cut throughput.
   */
  record Result(
      long requests, long errors, long bytes, double seconds, long cpuNanos, Latencies latencies) {
    double perSecond() {
      return requests / seconds;
    }

    /** Process CPU per answered request, in microseconds. */
    double cpuMicrosPerRequest() {
      return cpuNanos / 1e3 / Math.max(1, requests);
    }

    double mibPerSecond() {
      return bytes / seconds / (1024 * 1024);
    }

    /** This run and {@code other} as one: counts and times add up, latencies pool. */
    Result plus(Result other) {
      Latencies pooled = new Latencies();
      pooled.addAll(latencies);
      pooled.addAll(other.latencies);
      return new Result(
          requests + other.requests,
          errors + other.errors,
          bytes + other.bytes,
          seconds + other.seconds,
          cpuNanos + other.cpuNanos,
          pooled);
    }
  }

  Result run(
      String host,
      int port,
      HttpMethod method,
      String path,
      String accept,
      int connections,
      double seconds,
      int expect)
      throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
    if (accept != null) {
      options.putHeader("Accept", accept);
    }
    return run(host, port, options, connections, seconds, expect);
  }

  /** As above, for any request (e.g. one carrying credentials). */
  Result run(
      String host, int port, RequestOptions options, int connections, double seconds, int expect)
      throws Exception {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(host)
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections));
    LongAdder requests = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicLong bytes = new AtomicLong();
    Latencies latencies = new Latencies();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long started = System.nanoTime();
    long cpuStarted = PROCESS.getProcessCpuTime();
    Promise<Void>[] loops = new Promise[connections];
    for (int i = 0; i < connections; i++) {
      loops[i] = Promise.promise();
      Promise<Void> done = loops[i];
      vertx.runOnContext(
          v -> loop(client, options, end, expect, requests, errors, bytes, latencies, done));
    }
    for (Promise<Void> p : loops) {
      p.future().toCompletionStage().toCompletableFuture().get();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long cpu = PROCESS.getProcessCpuTime() - cpuStarted;
    client.close().toCompletionStage().toCompletableFuture().get();
    return new Result(requests.sum(), errors.sum(), bytes.get(), elapsed, cpu, latencies);
  }

  private void loop(
      HttpClient client,
      RequestOptions options,
      long end,
      int expect,
      LongAdder requests,
      LongAdder errors,
      AtomicLong bytes,
      Latencies latencies,
      Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    long t0 = System.nanoTime();
    client
        .request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> resp.statusCode() == expect ? body.length() : -1))
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result() >= 0) {
                requests.increment();
                bytes.addAndGet(ar.result());
                latencies.record(System.nanoTime() - t0);
              } else {
                errors.increment();
              }
              loop(client, options, end, expect, requests, errors, bytes, latencies, done);
            });
  }
}

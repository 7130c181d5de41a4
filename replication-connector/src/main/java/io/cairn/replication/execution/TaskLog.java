package io.cairn.replication.execution;

import io.cairn.replication.copy.CopyResult;
import io.cairn.replication.oci.RegistryException;
import java.io.IOException;

/** The words of a task's log: what a person reading Harbor's task log needs, in a few lines. */
public final class TaskLog {
  private TaskLog() {}

  public static String copied(ReplicationTask task, CopyResult r) {
    StringBuilder out = new StringBuilder(header(task));
    if (r.nothingPushed()) {
      out.append("nothing to push: the target already had all ")
          .append(r.manifestsSkipped())
          .append(" manifests and tags");
    } else {
      out.append("pushed ")
          .append(r.manifestsPushed())
          .append(" manifests and ")
          .append(r.blobsPushed())
          .append(" blobs (")
          .append(r.bytes())
          .append(" bytes), mounted ")
          .append(r.blobsMounted())
          .append(" blobs, set ")
          .append(r.tagsSet())
          .append(" tags; already at the target: ")
          .append(r.manifestsSkipped())
          .append(" manifests, ")
          .append(r.blobsSkipped())
          .append(" blobs");
    }
    if (r.tagsKept() > 0) {
      out.append("\nkept ")
          .append(r.tagsKept())
          .append(" tags that name another artifact at the target (the policy does not override)");
    }
    return out.toString();
  }

  static String failed(ReplicationTask task, IOException e, int attempts) {
    String why = Retrier.worthRetrying(e) ? "failed after " + attempts + " attempts" : "refused";
    return header(task) + why + ": " + reason(e);
  }

  static String failedUnexpectedly(ReplicationTask task, RuntimeException e) {
    return header(task) + "failed: " + e;
  }

  static String notAttempted(ReplicationTask task, String why) {
    return header(task) + "not attempted: " + why;
  }

  static String stoppedBeforeStart(ReplicationTask task) {
    return header(task) + "stopped before it started";
  }

  static String stoppedWhileRetrying(ReplicationTask task, Throwable last) {
    return header(task) + "stopped while waiting to retry after: " + reason(last);
  }

  private static String header(ReplicationTask task) {
    return task.srcRepository() + "@" + task.digest() + " -> " + task.dstResource() + "\n";
  }

  private static String reason(Throwable e) {
    if (e instanceof RegistryException) {
      return e.getMessage(); // already says which call, and the registry's own words
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}

package io.cairn.replication.execution;

import java.util.Objects;

/**
 * How one task ended.
 *
 * @param status Harbor's task status
 * @param bytesPushed blob bytes streamed to the target (0 when the task failed or was stopped: what
 *     a failed copy pushed before failing is found at the target by the next run and not counted
 *     twice)
 * @param log a few lines for a person: what was pushed or skipped, or why it failed or stopped;
 *     never a credential
 */
public record TaskResult(Status status, long bytesPushed, String log) {
  public enum Status {
    SUCCEED,
    FAILED,
    STOPPED
  }

  public TaskResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(log, "log");
    if (bytesPushed < 0) {
      throw new IllegalArgumentException("bytes pushed cannot be negative: " + bytesPushed);
    }
  }
}

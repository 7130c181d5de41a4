package io.cairn.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@link ExecutionView} over any {@link StateReader}. No cache: executions are read by
 * administrators and an engine, not on every pull.
 */
public final class StateExecutionView implements ExecutionView {
  private static final int ALL = Integer.MAX_VALUE;

  private final StateReader state;

  public StateExecutionView(StateReader state) {
    this.state = state;
  }

  @Override
  public Optional<ReplicationExecutionEntry> execution(long id) {
    return Optional.ofNullable(
        EntryCodec.decode(read(ExecutionFold.key(id)), ReplicationExecutionEntry.class));
  }

  @Override
  public List<ReplicationExecutionEntry> executions() {
    List<ReplicationExecutionEntry> all = new ArrayList<>(oldestFirst());
    Collections.reverse(all);
    return all;
  }

  @Override
  public long highestExecutionId() {
    List<ReplicationExecutionEntry> all = oldestFirst();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).executionId();
  }

  @Override
  public List<ReplicationTaskEntry> tasks(long executionId) {
    return state
        .scan(Store.USERS, Store.REGISTRY_WIDE, ExecutionFold.taskPrefix(executionId), null, ALL)
        .stream()
        .map(e -> EntryCodec.decode(e.getValue(), ReplicationTaskEntry.class))
        .toList();
  }

  @Override
  public Optional<ReplicationTaskEntry> task(long executionId, long taskId) {
    return Optional.ofNullable(
        EntryCodec.decode(
            read(ExecutionFold.taskKey(executionId, taskId)), ReplicationTaskEntry.class));
  }

  @Override
  public Optional<String> taskLog(long executionId, long taskId) {
    return Optional.ofNullable(read(ExecutionFold.logKey(executionId, taskId)));
  }

  @Override
  public List<ReplicationExecutionEntry> unfinished() {
    return oldestFirst().stream().filter(e -> !e.finished()).toList();
  }

  /** In id order (the keys are zero-padded ids). */
  private List<ReplicationExecutionEntry> oldestFirst() {
    return state
        .scan(Store.USERS, Store.REGISTRY_WIDE, Store.prefix(ExecutionFold.KIND), null, ALL)
        .stream()
        .map(e -> EntryCodec.decode(e.getValue(), ReplicationExecutionEntry.class))
        .toList();
  }

  private String read(String key) {
    return state.get(Store.USERS, Store.REGISTRY_WIDE, key);
  }
}

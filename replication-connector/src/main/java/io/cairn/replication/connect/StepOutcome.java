package io.cairn.replication.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link Step} ended: held back, with the reason (the source's content trust would not yet
 * serve its subject), and what it changed at the target, as tasks of the policy's event-based
 * execution. A step that a filter left out, whose subject is gone, or that found everything at the
 * target already changed nothing and reports no task.
 */
record StepOutcome(Optional<String> held, List<ExecutionReports.Task> done) {
  static final StepOutcome NOTHING = new StepOutcome(Optional.empty(), List.of());

  StepOutcome {
    done = List.copyOf(done);
  }

  static StepOutcome held(String why) {
    return new StepOutcome(Optional.of(why), List.of());
  }

  static StepOutcome did(ExecutionReports.Task task) {
    return new StepOutcome(Optional.empty(), List.of(task));
  }

  /** Both outcomes: held if either is (the first reason), and every task of both. */
  StepOutcome and(StepOutcome other) {
    List<ExecutionReports.Task> all = new ArrayList<>(done);
    all.addAll(other.done);
    return new StepOutcome(held.or(other::held), all);
  }
}

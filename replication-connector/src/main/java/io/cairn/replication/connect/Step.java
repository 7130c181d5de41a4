package io.cairn.replication.connect;

/** One thing an event asks of the target, in the source's repository naming. */
sealed interface Step {
  String repository();

  String digest();

  /** Bring the closure of the subject that {@code digest} belongs to (or is) to the target. */
  record Replicate(String repository, String digest) implements Step {}

  /** Remove {@code digest} and everything attached to it from the target. */
  record Delete(String repository, String digest) implements Step {}

  /** Remove the one accessory {@code digest} from the target (and from its referrers index). */
  record DeleteOne(String repository, String digest) implements Step {}
}

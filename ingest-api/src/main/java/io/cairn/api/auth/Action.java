package io.cairn.api.auth;

/** What a request does to a project's content. */
public enum Action {
  /** Read manifests and blobs (and artifacts, tags, accessories through the API). */
  PULL,
  /** Upload blobs, put manifests and tags. */
  PUSH,
  /** Delete artifacts, tags and repositories. */
  DELETE,
  /** See that repositories and artifacts exist (catalog, lists). */
  LIST,
  /** Manage the project itself: members, robots, trust keys and policy. */
  MANAGE
}

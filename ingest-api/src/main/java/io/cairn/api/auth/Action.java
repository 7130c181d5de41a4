package io.cairn.api.auth;

/**
 * What a request does to a project or its content. The member actions are Harbor's {@code member}
 * resource ({@code read} one member, {@code list} them), which its roles grant apart from content.
 */
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
  MANAGE,
  /** See who the project's members are (Harbor's {@code member:list}). */
  LIST_MEMBERS,
  /** See one member and their role (Harbor's {@code member:read}). */
  READ_MEMBER
}

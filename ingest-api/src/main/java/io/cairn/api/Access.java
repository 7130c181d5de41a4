package io.cairn.api;

import io.cairn.api.auth.Action;

/** What a request wants to do, for the authorization seam. */
public sealed interface Access {

  /**
   * An action on one repository {@code project/…}. The name may be malformed when a request is
   * authorized before it is validated; its project is still the text before the first {@code /}
   * (all of it when there is none), which for a malformed name is a project that does not exist.
   */
  record OnRepository(String repository, Action action) implements Access {
    public String project() {
      int slash = repository.indexOf('/');
      return slash < 0 ? repository : repository.substring(0, slash);
    }
  }

  /** An action on a project as a whole, through the management API. */
  record OnProject(String project, Action action) implements Access {}

  /** Registry-wide needs, not tied to one project. */
  enum Registry implements Access {
    /** {@code GET /v2/}: any valid credentials, an anonymous token included; none is a 401. */
    PING,
    /** {@code /v2/_catalog}: anyone; the list shows only what the caller may see. */
    CATALOG,
    /** Management API lists (projects): anyone; filtered the same way. */
    BROWSE,
    /** Creating a project: any signed-in user (not a robot), who becomes its admin. */
    CREATE_PROJECT,
    /** Users and registry settings: system administrators only. */
    ADMINISTER
  }

  static Access repository(String repository, Action action) {
    return new OnRepository(repository, action);
  }

  static Access project(String project, Action action) {
    return new OnProject(project, action);
  }
}

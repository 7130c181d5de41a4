package io.cairn.api.distribution;

import io.cairn.oci.OciErrorCode;
import io.cairn.oci.RepositoryName;
import io.cairn.projection.RegistryView;
import io.vertx.core.Future;

/** Writes go only into projects that exist: a repository name's first component is its project. */
final class ProjectGate {
  private final RegistryView view;

  ProjectGate(RegistryView view) {
    this.view = view;
  }

  Future<Void> requireProject(RepositoryName name) {
    if (view.project(name.project()).isEmpty()) {
      return Future.failedFuture(
          OciErrorCode.NAME_UNKNOWN.exception(
              "project "
                  + name.project()
                  + " does not exist; create it first (POST /api/v2.0/projects)",
              java.util.Map.of("project", name.project())));
    }
    return Future.succeededFuture();
  }
}

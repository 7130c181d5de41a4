package io.cairn.api.schemaregistry;

import io.cairn.schemaregistry.SchemaRegistry;
import io.cairn.schemaregistry.SchemaVersion;
import java.util.List;
import java.util.Optional;

/** Delegates everything; tests override one method to make it slow or fail. */
class ForwardingRegistry implements SchemaRegistry {
  private final SchemaRegistry delegate;

  ForwardingRegistry(SchemaRegistry delegate) {
    this.delegate = delegate;
  }

  @Override
  public int register(String subject, String schemaJson) {
    return delegate.register(subject, schemaJson);
  }

  @Override
  public Optional<String> schemaById(int id) {
    return delegate.schemaById(id);
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<Integer> versions(String subject) {
    return delegate.versions(subject);
  }

  @Override
  public Optional<SchemaVersion> version(String subject, int version) {
    return delegate.version(subject, version);
  }

  @Override
  public Optional<SchemaVersion> latest(String subject) {
    return delegate.latest(subject);
  }

  @Override
  public String compatibility(String subjectOrNull) {
    return delegate.compatibility(subjectOrNull);
  }

  @Override
  public void setCompatibility(String subjectOrNull, String level) {
    delegate.setCompatibility(subjectOrNull, level);
  }

  @Override
  public boolean isCompatible(String subject, int version, String schemaJson) {
    return delegate.isCompatible(subject, version, schemaJson);
  }
}

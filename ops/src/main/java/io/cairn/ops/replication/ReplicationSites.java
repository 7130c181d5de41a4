package io.cairn.ops.replication;

import io.cairn.api.replication.BasicCredential;
import io.cairn.api.replication.RegistryCredentials;
import io.cairn.api.sealing.CannotOpenException;
import io.cairn.projection.EndpointView;
import io.cairn.projection.RegistryEndpointEntry;
import io.cairn.replication.oci.Endpoint;
import java.net.URI;
import java.util.Optional;

/**
 * The two ends replication connects: this Cairn, reached over loopback HTTP as {@link
 * ReplicationAccount}, and each registry endpoint with its password opened from the sealed form.
 * The only place replication's secrets are opened; nothing here logs them.
 */
final class ReplicationSites implements Sites {
  private final URI self;
  private final ReplicationAccount account;
  private final RegistryCredentials credentials;
  private final EndpointView endpoints;

  ReplicationSites(
      URI self,
      ReplicationAccount account,
      RegistryCredentials credentials,
      EndpointView endpoints) {
    this.self = self;
    this.account = account;
    this.credentials = credentials;
    this.endpoints = endpoints;
  }

  URI selfUrl() {
    return self;
  }

  /** This Cairn, signed in as the replication account. */
  @Override
  public Endpoint self() {
    try {
      return new Endpoint(self, ReplicationAccount.NAME, account.password(), false);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the replication account's password: " + e.getMessage(), e);
    }
  }

  /** Registry endpoint {@code registryId}, signed in with its credential; empty if deleted. */
  @Override
  public Optional<Endpoint> remote(long registryId) {
    return endpoints
        .endpoint(registryId)
        .filter(e -> !e.deleted())
        .map(e -> new Endpoint(URI.create(e.url()), e.accessKey(), password(e), e.insecure()));
  }

  /** The password of endpoint {@code registryId}; empty if it has none or is gone. */
  Optional<String> password(long registryId) {
    return endpoints
        .endpoint(registryId)
        .filter(e -> !e.deleted())
        .map(ReplicationSites.this::password);
  }

  private String password(RegistryEndpointEntry endpoint) {
    try {
      return credentials.open(endpoint).map(BasicCredential::password).orElse(null);
    } catch (CannotOpenException e) {
      throw new IllegalStateException(
          "the password of registry "
              + endpoint.registryId()
              + " does not open with this data directory's key; set it again through"
              + " PUT /api/v2.0/registries/"
              + endpoint.registryId(),
          e);
    }
  }
}

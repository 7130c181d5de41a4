package io.cairn.api.replication;

import io.cairn.api.sealing.CannotOpenException;
import io.cairn.api.sealing.MalformedSealException;
import io.cairn.api.sealing.Purpose;
import io.cairn.api.sealing.SealedForm;
import io.cairn.api.sealing.SealingKey;
import io.cairn.projection.RegistryEndpointEntry;
import java.util.Optional;

/**
 * Endpoint passwords as events and the projection keep them: sealed with the instance's {@link
 * SealingKey} for {@link Purpose#REGISTRY_CREDENTIAL} and the endpoint's registry id, so a value
 * copied onto another endpoint does not open. The only way server-side code gets a password back;
 * nothing here logs. Thread-safe.
 */
public final class RegistryCredentials {
  private final SealingKey key;

  public RegistryCredentials(SealingKey key) {
    this.key = key;
  }

  /** The form to record for endpoint {@code registryId}'s password {@code plain}. */
  public String seal(long registryId, String plain) {
    return key.seal(Purpose.REGISTRY_CREDENTIAL, account(registryId), plain);
  }

  /**
   * The endpoint's user name and password, opened; empty when it has no credential (anonymous).
   *
   * @throws CannotOpenException when the password was sealed under another key (the key file of
   *     this data directory was replaced) or altered
   * @throws MalformedSealException when the stored value is not a sealed form
   */
  public Optional<BasicCredential> open(RegistryEndpointEntry endpoint)
      throws CannotOpenException, MalformedSealException {
    if (endpoint.accessKey() == null || endpoint.accessSecret() == null) {
      return Optional.empty();
    }
    String plain =
        key.open(
            Purpose.REGISTRY_CREDENTIAL,
            account(endpoint.registryId()),
            SealedForm.parse(endpoint.accessSecret()));
    return Optional.of(new BasicCredential(endpoint.accessKey(), plain));
  }

  private static String account(long registryId) {
    return Long.toString(registryId);
  }
}

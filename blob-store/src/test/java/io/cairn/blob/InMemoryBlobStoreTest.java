package io.cairn.blob;

import java.time.Clock;

class InMemoryBlobStoreTest extends BlobStoreContract {

  @Override
  protected BlobStore newStore(Clock clock) {
    return new InMemoryBlobStore(clock);
  }
}

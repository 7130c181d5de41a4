package io.cairn.api;

import io.cairn.blob.BlobStore;
import io.cairn.projection.IdentityView;
import io.cairn.projection.RegistryView;
import io.cairn.projection.TrustView;
import io.vertx.core.Vertx;

/** What request handlers work with: the read view, blob bytes, the write path, the seam. */
public record Backend(
    Vertx vertx,
    RegistryView view,
    IdentityView identity,
    TrustView trust,
    BlobStore blobs,
    EventWriter writer,
    RequestEvents events,
    Authorizer authorizer,
    AccessLog accessLog) {}

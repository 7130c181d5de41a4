package io.cairn.projection;

/** A Cosign public key a project trusts. */
public record CosignKeyEntry(String name, String publicKeyPem, String fingerprint, long addedAt) {}

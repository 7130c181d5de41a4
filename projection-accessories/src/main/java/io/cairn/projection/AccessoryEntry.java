package io.cairn.projection;

/** An accessory linked to its subject; {@code attachedAt} is the event time (epoch millis). */
public record AccessoryEntry(String digest, String type, long size, long attachedAt) {}

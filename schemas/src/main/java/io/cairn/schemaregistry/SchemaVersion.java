package io.cairn.schemaregistry;

/** One registered version of a subject, as Confluent's GET /subjects/{s}/versions/{v} answers. */
public record SchemaVersion(String subject, int version, int id, String schema) {}

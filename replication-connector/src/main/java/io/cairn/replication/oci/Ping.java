package io.cairn.replication.oci;

/**
 * What {@code GET /v2/} said, after the sign-in flow.
 *
 * @param reachable an HTTP answer came back at all
 * @param authenticated the final answer was 200
 * @param status the final HTTP status, or 0 when there was no answer
 * @param reason a sentence for a person: "ok", the registry's error, or why it was unreachable
 */
public record Ping(boolean reachable, boolean authenticated, int status, String reason) {}

package io.jesync.simulator;

import java.time.Instant;

/**
 * One request as the simulator journaled it, for tests and the control API to check what a client sent and
 * what it got back. {@code endpoint} is the route template ("POST /invoices/drafts"); {@code fault} is null
 * when the request was answered normally.
 */
public record RecordedRequest(
        long sequence,
        Instant receivedAt,
        String endpoint,
        String method,
        String path,
        String query,
        java.util.Map<String, java.util.List<String>> headers,
        String body,
        int status,
        Fault fault) {
}

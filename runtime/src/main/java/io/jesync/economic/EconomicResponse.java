package io.jesync.economic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer. {@code requestId} is e-conomic's {@code X-RequestId}, which support asks for;
 * {@code fromCache} reflects {@code X-ResultFromCache: true} on an idempotent replay.
 */
public record EconomicResponse(int status, JsonNode body, String requestId, boolean fromCache) {
}

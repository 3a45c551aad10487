package io.jesync.economic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call as the client means it: {@code path} is relative to the base URL and already carries its query. Tokens are
 * deliberately not part of it; they are added as headers at the moment of sending, so no log line of a request can
 * leak them. The body is left out of {@link #toString()} because it holds customer data.
 */
record EconomicRequest(String method, String path, JsonNode body, String idempotencyKey) {

    static EconomicRequest get(String path) {
        return new EconomicRequest("GET", path, null, null);
    }

    static EconomicRequest write(String method, String path, JsonNode body, String idempotencyKey) {
        return new EconomicRequest(method, path, body, idempotencyKey);
    }

    boolean isWrite() {
        return !method.equals("GET");
    }

    boolean keyed() {
        return idempotencyKey != null && !idempotencyKey.isBlank();
    }

    @Override
    public String toString() {
        return method + " " + path + (keyed() ? " [Idempotency-Key " + idempotencyKey + "]" : "");
    }
}

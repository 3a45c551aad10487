package io.jesync.economic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document as e-conomic returned it. {@code fromCache} is true when e-conomic replayed the first answer to
 * the same {@code Idempotency-Key} instead of writing again.
 */
public record DocumentResult(DocumentCollection collection, int number, JsonNode body, DocumentAmounts amounts,
                             String requestId, boolean fromCache) {

    static DocumentResult of(DocumentCollection collection, EconomicResponse response) {
        JsonNode body = response.body();
        return new DocumentResult(collection, body.path(collection.numberProperty()).asInt(), body,
                DocumentAmounts.of(body), response.requestId(), response.fromCache());
    }
}

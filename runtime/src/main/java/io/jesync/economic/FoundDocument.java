package io.jesync.economic;

import com.fasterxml.jackson.databind.JsonNode;

/** A document found by its {@code references.other}; {@code summary} is the listing entry, which has no lines. */
public record FoundDocument(DocumentCollection collection, int number, JsonNode summary) {
}

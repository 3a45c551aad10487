package io.jesync.product;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;

/** {@link Product} as JSON, for initial-sync plans in the store and for reports. Absent values are left out. */
public final class ProductJson {
    private ProductJson() {
    }

    public static ObjectNode toJson(Product p) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("articleNumber", p.articleNumber());
        json.put("name", p.name());
        if (p.salesPrice() != null) {
            json.put("salesPrice", p.salesPrice());
        }
        if (p.vatRate() != null) {
            json.put("vatRate", p.vatRate());
        }
        if (p.unitNumber() != null) {
            json.put("unitNumber", p.unitNumber());
        }
        if (p.barcode() != null) {
            json.put("barcode", p.barcode());
        }
        json.put("active", p.active());
        if (p.productGroup() != null) {
            json.put("productGroup", p.productGroup());
        }
        if (p.updated() != null) {
            json.put("updated", p.updated().toString());
        }
        return json;
    }

    public static Product fromJson(JsonNode json) {
        return new Product(
                json.path("articleNumber").asText(null),
                json.path("name").asText(null),
                json.hasNonNull("salesPrice") ? json.get("salesPrice").decimalValue() : null,
                json.hasNonNull("vatRate") ? json.get("vatRate").decimalValue() : null,
                json.hasNonNull("unitNumber") ? json.get("unitNumber").asInt() : null,
                json.path("barcode").asText(null),
                json.path("active").asBoolean(true),
                json.hasNonNull("productGroup") ? json.get("productGroup").asInt() : null,
                json.hasNonNull("updated") ? Instant.parse(json.get("updated").asText()) : null);
    }

    public static Product parse(String text) {
        try {
            return fromJson(Json.MAPPER.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored product: " + e.getOriginalMessage(), e);
        }
    }
}

package io.jesync.economic;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** The totals e-conomic computed for a document; the flow compares them with the shop's order totals. */
public record DocumentAmounts(BigDecimal netAmount, BigDecimal vatAmount, BigDecimal grossAmount,
                              BigDecimal roundingAmount) {

    static DocumentAmounts of(JsonNode document) {
        return new DocumentAmounts(amount(document, "netAmount"), amount(document, "vatAmount"),
                amount(document, "grossAmount"), amount(document, "roundingAmount"));
    }

    // roundingAmount is absent when e-conomic applied no cash rounding, which means zero.
    private static BigDecimal amount(JsonNode document, String property) {
        JsonNode value = document.get(property);
        return value == null || value.isNull() ? BigDecimal.ZERO : value.decimalValue();
    }
}

package io.jesync.economic.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A reference to an e-conomic VAT zone ({@code /vat-zones}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VatZoneRef(int vatZoneNumber) {
}

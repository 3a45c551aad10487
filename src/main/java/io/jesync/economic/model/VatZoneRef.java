package io.jesync.economic.model;

/** A reference to an e-conomic VAT zone ({@code /vat-zones}). */
public record VatZoneRef(int vatZoneNumber) {
}

package io.jesync.economic.model;

/** A reference to e-conomic payment terms ({@code /payment-terms}). */
public record PaymentTermsRef(int paymentTermsNumber) {
}

package io.jesync.economic.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A reference to e-conomic payment terms ({@code /payment-terms}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentTermsRef(int paymentTermsNumber) {
}

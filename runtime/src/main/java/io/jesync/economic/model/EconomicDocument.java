package io.jesync.economic.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body we POST to {@code /invoices/drafts} or {@code /orders/drafts}: e-conomic uses the same model for both.
 * Only what the sync sets is modelled; e-conomic computes the totals itself.
 *
 * @param date         the document date, {@code YYYY-MM-DD}
 * @param exchangeRate base-currency price of 100 units of {@code currency}; null lets e-conomic use its daily rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EconomicDocument(
        String date,
        String currency,
        BigDecimal exchangeRate,
        CustomerRef customer,
        PaymentTermsRef paymentTerms,
        LayoutRef layout,
        Recipient recipient,
        Delivery delivery,
        References references,
        Notes notes,
        List<Line> lines) {

    public EconomicDocument {
        lines = List.copyOf(lines);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)

    public record CustomerRef(int customerNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)

    public record LayoutRef(int layoutNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)

    public record ProductRef(String productNumber) {
    }

    /** Who the invoice is addressed to; e-conomic requires it (with the VAT zone) even when a customer is given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String name, String address, String zip, String city, String country, VatZoneRef vatZone,
                            String ean) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)

    public record Delivery(String address, String zip, String city, String country) {
    }

    /** {@code other} carries the business key; it is filterable, which is how an in-doubt send is found again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record References(String other) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)

    public record Notes(String heading, String textLine1, String textLine2) {
    }

    /** A document line; {@code unitNetPrice}, {@code quantity} and {@code discountPercentage} allow 2 decimals. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, int sortKey, ProductRef product, String description, BigDecimal quantity,
                       BigDecimal unitNetPrice, BigDecimal discountPercentage) {
    }
}

package io.jesync.order;

import java.util.Objects;

/**
 * What a new e-conomic customer gets besides the buyer's own data. Groups differ per buyer type because they carry
 * the receivables account, and accountants keep domestic, EU and export receivables apart.
 *
 * @param settings the shop's mapping settings, whose VAT zone rule the customer shares with its documents
 */
public record CustomerDefaults(
        OrderMappingSettings settings,
        int privateDomesticGroup,
        int businessDomesticGroup,
        int euGroup,
        int abroadGroup,
        int paymentTermsNumber) {

    public CustomerDefaults {
        Objects.requireNonNull(settings, "settings");
    }

    /** Groups 1 private, 2 business, 3 EU, 4 abroad; the shop's payment terms. */
    public static CustomerDefaults defaults(OrderMappingSettings settings) {
        return new CustomerDefaults(settings, 1, 2, 3, 4, settings.paymentTermsNumber());
    }
}

package io.jesync.order;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one shop's orders become e-conomic documents. Numbers (zones, layout, terms) are the agreement's own; the
 * defaults match e-conomic's demo agreement.
 *
 * @param homeCountry               ISO 3166-1 alpha-2 country of the merchant; buyers there are domestic
 * @param domesticVatZone           zone for domestic buyers (VAT charged)
 * @param euVatZone                 zone for EU buyers with a VAT number: reverse charge, no VAT on the invoice
 * @param abroadVatZone             zone for buyers outside the EU: export, no VAT on the invoice
 * @param euPrivateVatZone          zone for EU buyers without a VAT number. Defaults to the domestic zone, i.e. the
 *                                  home country's VAT is charged (distance sales under the EU threshold). Merchants
 *                                  registered for OSS set a zone per destination country in
 *                                  {@code countryVatZones} instead.
 * @param countryVatZones           per-country zone overrides (ISO code → zone number); they win over every rule
 * @param shippingProductNumber     e-conomic product that shipping lines are booked on
 * @param paymentFeeProductNumber   e-conomic product that payment fee lines are booked on
 * @param orderDiscountProductNumber e-conomic product for order-level discount lines; null spreads the discount as
 *                                  a percentage over the product lines instead
 * @param referencePrefix           prefix of the business key in {@code references.other}
 * @param maxLineDescriptionLength  line descriptions are cut to this many characters (e-conomic allows 2500)
 * @param roundingTolerance         how far (in the order's currency) e-conomic's gross may be from the shop's total
 *                                  before the order is parked
 * @param roundingProductNumber     when set, a difference within the tolerance is booked on this product (it must
 *                                  sit in a product group without VAT); null leaves the difference on the invoice
 * @param baseCurrency              the agreement's base currency
 * @param exchangeRates             base-currency price of 100 units per foreign currency; a currency that is missing
 *                                  uses e-conomic's daily rate
 * @param requireBuyerEmail         true when customers are matched by e-mail; false when the shop books all orders
 *                                  on a default guest customer and e-mail may be missing
 * @param timeZone                  the shop's time zone, which decides the document date of an order placed near
 *                                  midnight
 */
public record OrderMappingSettings(
        String homeCountry,
        int domesticVatZone,
        int euVatZone,
        int abroadVatZone,
        int euPrivateVatZone,
        Map<String, Integer> countryVatZones,
        int layoutNumber,
        int paymentTermsNumber,
        String shippingProductNumber,
        String paymentFeeProductNumber,
        String orderDiscountProductNumber,
        String referencePrefix,
        int maxLineDescriptionLength,
        BigDecimal roundingTolerance,
        String roundingProductNumber,
        String baseCurrency,
        Map<String, BigDecimal> exchangeRates,
        boolean requireBuyerEmail,
        String timeZone) {

    /** e-conomic rejects longer line descriptions. */
    public static final int ECONOMIC_MAX_LINE_DESCRIPTION = 2500;

    public OrderMappingSettings {
        homeCountry = Objects.requireNonNull(homeCountry, "homeCountry").strip().toUpperCase(Locale.ROOT);
        countryVatZones = countryVatZones == null ? Map.of() : Map.copyOf(countryVatZones);
        exchangeRates = exchangeRates == null ? Map.of() : Map.copyOf(exchangeRates);
        referencePrefix = referencePrefix == null ? "" : referencePrefix;
        Objects.requireNonNull(shippingProductNumber, "shippingProductNumber");
        Objects.requireNonNull(paymentFeeProductNumber, "paymentFeeProductNumber");
        Objects.requireNonNull(roundingTolerance, "roundingTolerance");
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(timeZone, "timeZone");
        if (maxLineDescriptionLength < 1 || maxLineDescriptionLength > ECONOMIC_MAX_LINE_DESCRIPTION) {
            throw new IllegalArgumentException("maxLineDescriptionLength must be 1.." + ECONOMIC_MAX_LINE_DESCRIPTION
                    + ", was " + maxLineDescriptionLength);
        }
        if (roundingTolerance.signum() < 0) {
            throw new IllegalArgumentException("roundingTolerance must not be negative, was " + roundingTolerance);
        }
    }

    /** e-conomic's demo agreement: zones 1 Domestic, 2 EU, 3 Abroad; layout 19; payment terms 1; a Swedish shop. */
    public static OrderMappingSettings defaults() {
        return new OrderMappingSettings("SE", 1, 2, 3, 1, Map.of(), 19, 1, "FRAKT", "AVGIFT", null, "jetshop:",
                ECONOMIC_MAX_LINE_DESCRIPTION, new BigDecimal("0.05"), null, "SEK", Map.of(), true,
                "Europe/Stockholm");
    }
}

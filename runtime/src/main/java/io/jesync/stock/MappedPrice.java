package io.jesync.stock;

import java.math.BigDecimal;

/**
 * The body of {@code direct:plugin-price-mapped}: the price one shop price list is about to be sent for one article,
 * as the list holds it (incl. or excl. VAT, rounded by the list's rule). Norce ignores a price of 0, so an answer
 * that is not above zero cannot be read and parks the row.
 *
 * @param currency the list's currency for a currency price list, otherwise null (the shop's base currency)
 */
public record MappedPrice(String articleNumber, String priceList, String currency, boolean inclVat,
                          BigDecimal amount) {
    public MappedPrice {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be a number above 0, not " + amount);
        }
    }
}

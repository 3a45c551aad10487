package io.jesync.stock;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one shop should show for one article and kind ({@code ONHAND} or {@code PRICE:<list>}), as canonical text.
 *
 * @param sourceUpdated when e-conomic's value was current: the product's lastUpdated, or the start of the read for
 *                      values that carry none; an older value never replaces a newer one
 * @param pendingQty    shop-order quantity subtracted from the stock figure (0 for prices)
 */
public record ShopArticleValue(String kind, String articleNo, Instant sourceUpdated, String wanted,
                               BigDecimal pendingQty) {
    public static final String ONHAND = "ONHAND";
    public static final String PRICE_PREFIX = "PRICE:";
    /**
     * A customer's price lists: the "article" is the shop's customer code, the value the price-list codes joined by
     * commas in code order, or {@link #NO_PRICE_LISTS}.
     */
    public static final String CUSTOMER_PRICE_LISTS = "CUSTOMER_PRICE_LISTS";
    public static final String NO_PRICE_LISTS = "-";

    public static String priceKind(String priceListCode) {
        return PRICE_PREFIX + priceListCode;
    }
}

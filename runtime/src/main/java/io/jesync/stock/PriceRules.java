package io.jesync.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.jesync.stock.StockPriceSettings.PriceListRule;
import io.jesync.shop.ShopStock;

/** e-conomic's net prices as a shop price list holds them: VAT added where the list is incl. VAT, then rounded. */
public final class PriceRules {
    /** The wanted value of a price-list row that must be switched off (a special price that was removed). */
    public static final String INACTIVE = "inactive";
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private PriceRules() {
    }

    /** @param vatRate percent, e.g. 25 */
    public static BigDecimal shopPrice(BigDecimal net, BigDecimal vatRate, PriceListRule list) {
        BigDecimal price = list.inclVat()
                ? net.multiply(HUNDRED.add(vatRate)).divide(HUNDRED, 10, RoundingMode.HALF_UP) : net;
        BigDecimal steps = price.divide(list.roundingStep(), 0, list.roundingMode());
        BigDecimal rounded = steps.multiply(list.roundingStep());
        return rounded.setScale(Math.max(2, list.roundingStep().stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    /** A special price given as a discount on the base price (e-conomic's {@code discountPercentage}). */
    public static BigDecimal discounted(BigDecimal base, BigDecimal discountPercentage) {
        return base.multiply(HUNDRED.subtract(discountPercentage)).divide(HUNDRED, 10, RoundingMode.HALF_UP);
    }

    public static String canonical(BigDecimal price) {
        return ShopStock.plain(price);
    }
}

package io.jesync.shop;

import java.math.BigDecimal;

/**
 * One article's stock as the shop shows it: an absolute on-hand value, the quantity on its way from suppliers and
 * the lead time that goes with the stock status. {@link #canonical()} is the form stored and compared, so the same
 * figures always give the same text.
 */
public record ShopStock(BigDecimal onhand, BigDecimal incoming, Integer leadTimeDays) {

    public String canonical() {
        return plain(onhand) + "|" + plain(incoming) + "|" + (leadTimeDays == null ? "" : leadTimeDays);
    }

    public static ShopStock parse(String canonical) {
        String[] parts = canonical.split("\\|", -1);
        return new ShopStock(new BigDecimal(parts[0]), new BigDecimal(parts[1]),
                parts[2].isEmpty() ? null : Integer.valueOf(parts[2]));
    }

    public static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}

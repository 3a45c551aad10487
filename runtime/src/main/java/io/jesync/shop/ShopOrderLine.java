package io.jesync.shop;

import java.math.BigDecimal;

/**
 * One line of a shop order. Money is ex VAT in the order's currency: {@code unitPriceExVat} per unit before the
 * line discount, {@code discountAmount} for the whole line, so the line total is
 * {@code quantity × unitPriceExVat − discountAmount}. {@code vatRate} is a percentage (25 means 25 %).
 */
public record ShopOrderLine(
        int lineNumber,
        Kind kind,
        String articleNumber,
        String name,
        BigDecimal quantity,
        BigDecimal unitPriceExVat,
        BigDecimal discountAmount,
        BigDecimal vatRate) {

    public enum Kind {
        PRODUCT, SHIPPING, PAYMENT_FEE
    }

    public BigDecimal lineTotalExVat() {
        return quantity.multiply(unitPriceExVat).subtract(discountAmount);
    }
}

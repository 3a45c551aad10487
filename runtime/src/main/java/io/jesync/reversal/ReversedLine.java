package io.jesync.reversal;

import java.math.BigDecimal;

import io.jesync.shop.ShopOrderLine;

/**
 * One shop line a reversal takes back: how many units, and what they were worth ex VAT in the shop (the line's
 * total after its discount, pro rata). Stored as JSON in {@code order_reversal.lines}; the sum per line over an
 * order's reversals is what has been taken back so far.
 */
public record ReversedLine(int lineNumber, ShopOrderLine.Kind kind, String articleNumber, String name,
                           BigDecimal quantity, BigDecimal netAmount) {
}

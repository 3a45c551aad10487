package io.jesync.stock;

import java.math.BigDecimal;

/**
 * The body of {@code direct:plugin-stock-mapped}: what one shop is about to be sent for one article. The shop takes
 * absolute, non-negative figures, so an answer below zero cannot be read and parks the row.
 *
 * @param leadTimeDays the lead time that goes with the stock status; null leaves the shop's own
 */
public record MappedStock(String articleNumber, BigDecimal onhand, BigDecimal incoming, Integer leadTimeDays) {
    public MappedStock {
        if (onhand == null || onhand.signum() < 0 || incoming == null || incoming.signum() < 0) {
            throw new IllegalArgumentException("onhand and incoming must be numbers of at least 0, not " + onhand
                    + " and " + incoming);
        }
        if (leadTimeDays != null && leadTimeDays < 0) {
            throw new IllegalArgumentException("leadTimeDays must be at least 0, not " + leadTimeDays);
        }
    }
}

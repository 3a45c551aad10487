package io.jesync.stock;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One e-conomic product as the stock and price flow reads it.
 *
 * @param incoming     {@code inventory.orderedFromSuppliers}
 * @param salesPrice   net, base currency; null when the product has none
 * @param lastUpdated  e-conomic's lastUpdated; it moves on stock changes too
 */
public record ArticleReading(String articleNo, BigDecimal inStock, BigDecimal available, BigDecimal incoming,
                             BigDecimal salesPrice, Integer productGroup, boolean barred, Instant lastUpdated) {
}

package io.jesync.shop;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One SKU as any shop platform shows it, in the fields the runtime synchronises.
 *
 * @param salesPrice net sales price on the shop's product price list; null when the shop has none
 * @param vatRate    percent, e.g. 25; null when the shop shows none
 * @param updated    when the shop last changed the SKU; null when it never did
 */
public record ShopProduct(String articleNumber, String name, BigDecimal salesPrice, BigDecimal vatRate,
                          String barcode, boolean active, Instant updated) {

    /** The SKU fields a product import can write. */
    public enum Field { NAME, SALES_PRICE, VAT_RATE, BARCODE, ACTIVE }
}

package io.jesync.product;

import io.jesync.config.EnumKeys;

/** The product fields the runtime synchronises; each has one owner per flow ({@link FieldOwnership}). */
public enum ProductField {
    NAME,
    SALES_PRICE,
    /** In e-conomic the VAT rate is the product group's; in the shop it is the SKU's rate per sales area. */
    VAT_RATE,
    UNIT,
    BARCODE,
    ACTIVE;

    /** The name used in settings, reports and the trace. */
    public String key() {
        return EnumKeys.key(this);
    }
}

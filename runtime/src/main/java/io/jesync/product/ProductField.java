package io.jesync.product;

import java.util.Locale;

/** The product fields the runtime synchronises; each has one owner per flow ({@link FieldOwnership}). */
public enum ProductField {
    NAME("name"),
    SALES_PRICE("sales-price"),
    /** In e-conomic the VAT rate is the product group's; in the shop it is the SKU's rate per sales area. */
    VAT_RATE("vat-rate"),
    UNIT("unit"),
    BARCODE("barcode"),
    ACTIVE("active");

    private final String key;

    ProductField(String key) {
        this.key = key;
    }

    /** The name used in settings, reports and the trace. */
    public String key() {
        return key;
    }

    public static ProductField ofKey(String key) {
        for (ProductField field : values()) {
            if (field.key.equals(key.strip().toLowerCase(Locale.ROOT))) {
                return field;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a product field (name, sales-price, vat-rate, unit,"
                + " barcode, active)");
    }
}

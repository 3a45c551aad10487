package io.jesync.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sellable SKU in neither system's shape: what the two sides are compared and mapped through. There are no
 * variants on either side of the transfer; each SKU is one product.
 *
 * @param articleNumber the shared key: the shop's PartNo and e-conomic's productNumber
 * @param salesPrice    net sales price in the agreement's base currency; null when the side has none
 * @param vatRate       percent, e.g. 25; null when unknown (in e-conomic: the product group has no known rate)
 * @param unitNumber    e-conomic's unit; null when the side has none
 * @param productGroup  e-conomic's product group; in the shop derived from the VAT rate by the shop's rule
 * @param updated       when the side last changed the product
 */
public record Product(
        String articleNumber,
        String name,
        BigDecimal salesPrice,
        BigDecimal vatRate,
        Integer unitNumber,
        String barcode,
        boolean active,
        Integer productGroup,
        Instant updated) {

    /** The value of one synchronised field, in a form that prints well in reports. */
    public Object value(ProductField field) {
        return switch (field) {
            case NAME -> name;
            case SALES_PRICE -> salesPrice;
            case VAT_RATE -> vatRate;
            case UNIT -> unitNumber;
            case BARCODE -> barcode;
            case ACTIVE -> active;
        };
    }

    /**
     * Norce imports ignore a price of 0 (docs/norce-adapter.md), so a zero e-conomic price is no price for the shop: it is
     * neither written nor counted as a difference that the next run would try again.
     */
    public Product forShop() {
        return salesPrice == null || salesPrice.signum() != 0 ? this
                : new Product(articleNumber, name, null, vatRate, unitNumber, barcode, active, productGroup, updated);
    }

    /** One field whose value differs: {@code from} is the target's, {@code to} the source's. */
    public record Change(ProductField field, Object from, Object to) {
    }

    /**
     * The fields of {@code fields} where {@code target} differs from this (the source). Amounts compare by value
     * (100 equals 100.00); a field the source has no value for (e.g. the shop's unit) never counts as a change.
     */
    public List<Change> differences(Product target, Iterable<ProductField> fields) {
        List<Change> changes = new ArrayList<>();
        for (ProductField field : fields) {
            Object mine = value(field);
            Object theirs = target.value(field);
            if (mine == null && field != ProductField.BARCODE) {
                continue;
            }
            if (!same(mine, theirs)) {
                changes.add(new Change(field, theirs, mine));
            }
        }
        return changes;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof String || b instanceof String || a == null || b == null) {
            return Objects.equals(blankToNull(a), blankToNull(b));
        }
        return a.equals(b);
    }

    private static Object blankToNull(Object value) {
        return value instanceof String s && s.isBlank() ? null : value;
    }
}

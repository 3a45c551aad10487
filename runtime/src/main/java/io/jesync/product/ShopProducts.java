package io.jesync.product;

import java.util.EnumSet;
import java.util.Set;

import io.jesync.shop.ShopProduct;

/** {@link Product} to and from the shop port's {@link ShopProduct}. Pure functions. */
final class ShopProducts {
    private ShopProducts() {
    }

    /** The shop has no product group; it is derived from the VAT rate by the shop's rule. */
    static Product fromShop(ShopProduct p, ProductSettings settings) {
        return new Product(p.articleNumber(), p.name(), p.salesPrice(), p.vatRate(), null, p.barcode(), p.active(),
                p.vatRate() == null ? null : settings.groupByVatRate().get(p.vatRate().stripTrailingZeros()),
                p.updated());
    }

    static ShopProduct toShop(Product p) {
        return new ShopProduct(p.articleNumber(), p.name(), p.salesPrice(), p.vatRate(), p.barcode(), p.active(),
                p.updated());
    }

    /** The unit has no place in the shop's SKU, so it never reaches a shop write. */
    static Set<ShopProduct.Field> fields(Set<ProductField> fields) {
        Set<ShopProduct.Field> shop = EnumSet.noneOf(ShopProduct.Field.class);
        for (ProductField field : fields) {
            switch (field) {
                case NAME -> shop.add(ShopProduct.Field.NAME);
                case SALES_PRICE -> shop.add(ShopProduct.Field.SALES_PRICE);
                case VAT_RATE -> shop.add(ShopProduct.Field.VAT_RATE);
                case BARCODE -> shop.add(ShopProduct.Field.BARCODE);
                case ACTIVE -> shop.add(ShopProduct.Field.ACTIVE);
                case UNIT -> { }
            }
        }
        return shop;
    }
}

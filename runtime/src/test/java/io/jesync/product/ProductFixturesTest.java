package io.jesync.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.product.ProductSettings;
import io.jesync.json.Json;
import io.jesync.json.Json;
import io.jesync.shop.ShopProduct;

/**
 * Golden fixtures under {@code src/test/resources/product}: e-conomic's product (10) and Norce's SKU (30) read into
 * the neutral product (20, 40); the product written as e-conomic's POST (50), merged into e-conomic's product for a
 * PUT under combo and ecom-master ownership (60, 61), and as Norce import items with their headers (70, 71).
 * Expected files were written by hand from the product shapes of e-conomic's REST API (/products) and Norce Connect's
 * product import (docs/economic-client.md, docs/norce-adapter.md).
 */
class ProductFixturesTest {
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private final ProductSettings combo = ProductTestSettings.of("combo");

    @Test
    void economic_product_reads_into_the_neutral_product_with_the_vat_rate_of_its_group() throws IOException {
        Product product = EconomicProductMapper.fromEconomic(fixture("10-economic-product.json"), combo);

        assertSameJson(ProductJson.toJson(product), fixture("20-product-from-economic.json"));
    }

    @Test
    void a_shop_product_reads_into_the_neutral_product_with_the_group_of_its_vat_rate() throws IOException {
        assertSameJson(ProductJson.toJson(shopProduct()), fixture("40-product-from-shop.json"));
    }

    @Test
    void a_new_shop_product_becomes_an_economic_post_with_the_default_unit() throws IOException {
        Product shop = shopProduct();

        assertSameJson(EconomicProductMapper.newProduct(shop, shop.productGroup(), combo),
                fixture("50-economic-post.json"));
    }

    @Test
    void combo_put_keeps_economics_price_unit_and_own_fields_and_takes_the_shops_master_fields() throws IOException {
        Product shop = shopProduct();
        ObjectNode put = EconomicProductMapper.merged(fixture("10-economic-product.json"), shop, shop.productGroup(),
                combo.ownership().ownedBy(Owner.SHOP));

        assertSameJson(put, fixture("60-economic-put-combo.json"));
    }

    @Test
    void ecom_master_put_also_takes_the_shops_price() throws IOException {
        ProductSettings ecomMaster = ProductTestSettings.of("ecom-master");
        Product shop = shopProduct();
        ObjectNode put = EconomicProductMapper.merged(fixture("10-economic-product.json"), shop, shop.productGroup(),
                ecomMaster.ownership().ownedBy(Owner.SHOP));

        assertSameJson(put, fixture("61-economic-put-ecom-master.json"));
    }

    @Test
    void an_update_for_the_shop_carries_economics_fields_but_not_the_unit() {
        ProductSettings erp = ProductTestSettings.of("erp-master", "shop.se.products.owner.name", "shop");

        assertThat(ShopProducts.fields(erp.ownership().ownedBy(Owner.ECONOMIC))).containsExactlyInAnyOrder(
                ShopProduct.Field.SALES_PRICE, ShopProduct.Field.VAT_RATE, ShopProduct.Field.BARCODE,
                ShopProduct.Field.ACTIVE);
    }

    @Test
    void ownership_table_follows_the_flow() {
        assertThat(ProductTestSettings.of("ecom-master").ownership().ownedBy(Owner.SHOP)).containsExactlyInAnyOrder(
                ProductField.NAME, ProductField.SALES_PRICE, ProductField.VAT_RATE, ProductField.BARCODE,
                ProductField.ACTIVE);
        assertThat(combo.ownership().ownedBy(Owner.ECONOMIC)).containsExactlyInAnyOrder(ProductField.SALES_PRICE,
                ProductField.UNIT);
        assertThat(ProductTestSettings.of("erp-master").ownership().ownedBy(Owner.SHOP)).isEmpty();
    }

    @Test
    void differences_compare_amounts_by_value_and_ignore_fields_the_source_lacks() throws IOException {
        Product economic = EconomicProductMapper.fromEconomic(fixture("10-economic-product.json"), combo);
        Product shop = shopProduct();

        assertThat(shop.differences(economic, List.of(ProductField.values())))
                .extracting(Product.Change::field)
                .containsExactly(ProductField.NAME, ProductField.SALES_PRICE, ProductField.BARCODE,
                        ProductField.ACTIVE);
        Product samePrice = new Product("KAF-00001", economic.name(), new java.math.BigDecimal("80"),
                economic.vatRate(), null, economic.barcode(), true, 2, null);
        assertThat(samePrice.differences(economic, List.of(ProductField.values()))).isEmpty();
    }

    private Product shopProduct() throws IOException {
        return ShopProducts.fromShop(new ShopProduct("KAF-00001", "Bryggkaffe Ekologisk 250 g",
                new java.math.BigDecimal("89.50"), new java.math.BigDecimal("12.00"), "7350001000014", false,
                java.time.Instant.parse("2026-03-02T09:30:00Z")), combo);
    }

    private static void assertSameJson(JsonNode actual, JsonNode expected) {
        assertThat(actual.equals(BY_VALUE, expected)).as("expected %s%nbut got  %s", expected, actual).isTrue();
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ProductFixturesTest.class.getResourceAsStream("/product/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }
}

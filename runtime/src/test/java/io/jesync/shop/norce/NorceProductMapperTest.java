package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;

import io.jesync.product.ProductSettings;
import io.jesync.shop.ShopProduct;
import io.jesync.shop.ShopProduct.Field;

/** The catalogue mapper against golden JSON built from Norce's published samples (see the fixtures' README). */
class NorceProductMapperTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final java.util.Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
    private static final ProductSettings SETTINGS = ProductSettings.defaults();
    private static final ShopProduct ECONOMIC_PRODUCT = new ShopProduct("KAF-00001", "Bryggkaffe 250 g",
            new BigDecimal("80.00"), new BigDecimal("12"), "7350001000007", true, null);

    @Test
    void a_product_sku_reads_its_price_from_the_primary_lists_first_quantity_break() throws IOException {
        ShopProduct product = NorceProductMapper.fromSku(fixture("10-query-product-sku.json"), 7301);

        assertSameJson(json(product), fixture("20-shop-product.json"));
    }

    @Test
    void a_never_updated_sku_counts_as_changed_when_it_was_created() throws IOException {
        ShopProduct product = NorceProductMapper.fromSku(fixture("11-query-product-sku-never-updated.json"), 7301);

        assertSameJson(json(product), fixture("21-shop-product-never-updated.json"));
    }

    @Test
    void without_a_primary_price_list_a_sku_has_no_price() throws IOException {
        assertThat(NorceProductMapper.fromSku(fixture("10-query-product-sku.json"), null).salesPrice()).isNull();
    }

    @Test
    void a_new_product_lists_every_field_it_carries_and_what_creating_needs() throws IOException {
        JsonNode expected = fixture("30-import-products-create.json");
        Set<String> skuFields = NorceProductMapper.skuFields(ECONOMIC_PRODUCT, true, Set.of());

        assertSameJson(NorceProductMapper.importHeader(true, true, skuFields, SETTINGS), expected.get("header"));
        assertSameJson(NorceProductMapper.importItem(ECONOMIC_PRODUCT, true, true, skuFields, SETTINGS),
                expected.get("item"));
    }

    @Test
    void an_update_lists_only_the_fields_it_writes_so_a_shop_owned_name_stays() throws IOException {
        JsonNode expected = fixture("31-import-products-update-shop-owns-name.json");
        Set<Field> owned = EnumSet.of(Field.SALES_PRICE, Field.VAT_RATE, Field.BARCODE, Field.ACTIVE);
        Set<String> skuFields = NorceProductMapper.skuFields(ECONOMIC_PRODUCT, false, owned);
        boolean name = NorceProductMapper.carriesName(false, owned);

        assertThat(name).isFalse();
        assertSameJson(NorceProductMapper.importHeader(false, name, skuFields, SETTINGS), expected.get("header"));
        assertSameJson(NorceProductMapper.importItem(ECONOMIC_PRODUCT, false, name, skuFields, SETTINGS),
                expected.get("item"));
    }

    /** A listed field is written even when the item lacks it, so a missing price is not listed at all. */
    @Test
    void an_update_without_price_does_not_list_the_price_and_sends_an_empty_barcode_as_null() throws IOException {
        JsonNode expected = fixture("32-import-products-update-no-barcode-no-price.json");
        ShopProduct bare = new ShopProduct("KAF-00001", "Bryggkaffe 250 g", null, new BigDecimal("12"), " ", true,
                null);
        Set<Field> owned = EnumSet.of(Field.SALES_PRICE, Field.VAT_RATE, Field.BARCODE, Field.ACTIVE);
        Set<String> skuFields = NorceProductMapper.skuFields(bare, false, owned);

        assertSameJson(NorceProductMapper.importHeader(false, false, skuFields, SETTINGS), expected.get("header"));
        assertSameJson(NorceProductMapper.importItem(bare, false, false, skuFields, SETTINGS), expected.get("item"));
    }

    @Test
    void every_listed_field_of_every_item_is_present_in_that_item() {
        ShopProduct noVat = new ShopProduct("X-1", "X", BigDecimal.TEN, null, null, false, null);
        for (ShopProduct product : new ShopProduct[] {ECONOMIC_PRODUCT, noVat}) {
            for (boolean create : new boolean[] {true, false}) {
                Set<String> skuFields = NorceProductMapper.skuFields(product, create, EnumSet.allOf(Field.class));
                JsonNode sku = NorceProductMapper.importItem(product, create, true, skuFields, SETTINGS)
                        .path("Variants").get(0).path("Skus").get(0);
                for (String field : skuFields) {
                    assertThat(sku.has(field.equals("VatRate") ? "VatRates" : field)).as(field).isTrue();
                }
                assertThat(sku.size() - 1).as("members besides PartNo").isEqualTo(skuFields.size());
            }
        }
    }

    private static ObjectNode json(ShopProduct p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("articleNumber", p.articleNumber());
        n.put("name", p.name());
        n.put("salesPrice", p.salesPrice());
        n.put("vatRate", p.vatRate());
        n.put("barcode", p.barcode());
        n.put("active", p.active());
        n.put("updated", p.updated() == null ? null : p.updated().toString());
        return n;
    }

    private static void assertSameJson(JsonNode actual, JsonNode expected) {
        assertThat(actual.equals(BY_VALUE, expected)).as("expected %s%nbut got  %s", expected, actual).isTrue();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = NorceProductMapperTest.class.getResourceAsStream("/norce/catalog/" + name)) {
            return JSON.readTree(in);
        }
    }
}

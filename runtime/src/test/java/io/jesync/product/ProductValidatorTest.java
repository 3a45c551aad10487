package io.jesync.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;


class ProductValidatorTest {
    private final ProductSettings settings = ProductTestSettings.of("combo");

    @Test
    void each_invalid_product_is_named_with_its_field_and_the_rest_pass() {
        List<Product> catalogue = List.of(
                product("OK-1", "Kaffe", "25"),
                product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "Too long", "25"),
                product("TAB\tBED", "Control", "25"),
                product(" PAD", "Space", "25"),
                product("DUP-1", "First", "25"),
                product("dup-1", "Second", "25"),
                product("NOVAT", "No VAT", null),
                product("NOGROUP", "Odd VAT", "7"),
                product("NONAME", " ", "25"));

        ProductValidator.Checked checked = ProductValidator.check(catalogue, settings, true);

        assertThat(checked.valid()).extracting(Product::articleNumber).containsExactly("OK-1");
        assertThat(checked.invalid()).extracting(ProductProblem::articleNumber, ProductProblem::code,
                ProductProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        ProductProblem.Code.ARTICLE_NUMBER_TOO_LONG, "articleNumber"),
                org.assertj.core.groups.Tuple.tuple("TAB\tBED", ProductProblem.Code.ARTICLE_NUMBER_CHARACTERS,
                        "articleNumber"),
                org.assertj.core.groups.Tuple.tuple(" PAD", ProductProblem.Code.ARTICLE_NUMBER_CHARACTERS,
                        "articleNumber"),
                org.assertj.core.groups.Tuple.tuple("DUP-1", ProductProblem.Code.DUPLICATE_ARTICLE_NUMBER,
                        "articleNumber"),
                org.assertj.core.groups.Tuple.tuple("dup-1", ProductProblem.Code.DUPLICATE_ARTICLE_NUMBER,
                        "articleNumber"),
                org.assertj.core.groups.Tuple.tuple("NOVAT", ProductProblem.Code.MISSING_VAT_RATE, "vat-rate"),
                org.assertj.core.groups.Tuple.tuple("NOGROUP", ProductProblem.Code.NO_PRODUCT_GROUP, "vat-rate"),
                org.assertj.core.groups.Tuple.tuple("NONAME", ProductProblem.Code.MISSING_NAME, "name"));
        assertThat(checked.invalid().get(0).message()).startsWith("Article ABCDEFGHIJKLMNOPQRSTUVWXYZ: the article"
                + " number has 26 characters; e-conomic allows at most 25.");
        assertThat(checked.invalid().get(1).message()).contains("control character U+0009");
    }

    @Test
    void a_product_from_economic_without_a_known_group_rate_names_the_group_setting() {
        Product product = new Product("KAF-1", "Kaffe", BigDecimal.TEN, null, 1, null, true, 9, null);

        assertThat(ProductValidator.check(product, settings, false)).get()
                .extracting(ProductProblem::message).asString()
                .contains("product group 9").contains("vat-rate-by-group");
    }

    private Product product(String article, String name, String vat) {
        BigDecimal rate = vat == null ? null : new BigDecimal(vat);
        return new Product(article, name, BigDecimal.TEN, rate, null, null, true,
                rate == null ? null : settings.groupByVatRate().get(rate), null);
    }
}

package io.jesync.economic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EconomicClientMasterDataTest extends EconomicClientTestSupport {

    @Test
    void path_ids_use_economics_own_escapes() {
        assertThat(EconomicEncoding.pathId("A_B/C")).isEqualTo("A_8_B_6_C");
        assertThat(EconomicEncoding.pathId("cup 1.5")).isEqualTo("cup_9_1_11_5");
        assertThat(EconomicEncoding.pathId("_6_")).isEqualTo("_8_6_8_");
        assertThat(EconomicEncoding.pathId("kaffe-ö")).isEqualTo("kaffe-%C3%B6");
        assertThat(EconomicEncoding.filterValue("a$b(c)*d,e[f]")).isEqualTo("a$$b$(c$)$*d$,e[f]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A_B", "X/Y", "Cup 1", "v1.2", "_6_", "50%+#?", "bön-ö"})
    void product_numbers_with_special_characters_round_trip(String productNumber) {
        EconomicClient client = client();
        assertThat(client.findProduct(productNumber)).isEmpty();

        client.createProduct(productBody(productNumber), "product-" + productNumber);

        assertThat(client.findProduct(productNumber)).hasValueSatisfying(product ->
                assertThat(product.path("productNumber").asText()).isEqualTo(productNumber));
        schemaCheck.assertNoViolations();
    }

    @Test
    void customers_are_found_by_email_corporate_id_and_vat_number() {
        EconomicClient client = client();
        var body = customerBody("Kafferosteriet AB", "inkop@rosteriet.se", "556016-0680");
        body.put("vatNumber", "SE556016068001");
        int number = client.createCustomer(body, "customer-rosteriet").body().path("customerNumber").asInt();
        createCustomer(client, "Other");

        assertThat(client.findCustomersByEmail("inkop@rosteriet.se")).extracting(c -> c.path("customerNumber").asInt())
                .containsExactly(number);
        assertThat(client.findCustomersByCorporateId("556016-0680")).extracting(c -> c.path("customerNumber").asInt())
                .containsExactly(number);
        assertThat(client.findCustomersByVatNumber("SE556016068001")).hasSize(1);
        assertThat(client.findCustomersByEmail("nobody@example.se")).isEmpty();
        assertThat(client.getCustomer(number)).hasValueSatisfying(c ->
                assertThat(c.path("name").asText()).isEqualTo("Kafferosteriet AB"));
        assertThat(client.getCustomer(999_999)).isEmpty();
        schemaCheck.assertNoViolations();
    }

    @Test
    void self_describes_the_agreement() {
        EconomicAgreement agreement = client().self();

        assertThat(agreement.agreementNumber()).isEqualTo(471100);
        assertThat(agreement.baseCurrency()).isEqualTo("SEK");
        assertThat(agreement.companyName()).isNotBlank();
        assertThat(agreement.inventoryModule()).isFalse();
    }

    @Test
    void listing_follows_every_page() {
        simulator.seedGeneratedArticles(1500, 7);
        int total = simulator.productCount();

        assertThat(client().listAll("/products", null)).hasSize(total);
        assertThat(journal("GET /products")).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(r.query()).contains("pagesize=1000"));
    }
}

package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EconomicSimulatorAuthTest extends EconomicTestClient {

    private static Map<String, String> tokens(String app, String grant) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-AppSecretToken", app);
        headers.put("X-AgreementGrantToken", grant);
        return headers;
    }

    @Test
    void missing_or_wrong_tokens_give401_in_the_legacy_shape() {
        Reply missing = send("GET", "/customers", null, tokens(null, null));
        Reply wrongGrant = send("GET", "/customers", null, tokens(APP_SECRET, "other"));
        Reply wrongApp = send("GET", "/customers", null, tokens("other", GRANT));

        for (Reply reply : new Reply[] {missing, wrongGrant, wrongApp}) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body().path("httpStatusCode").asInt()).isEqualTo(401);
            assertThat(reply.body().has("message")).isTrue();
            assertThat(reply.body().has("developerHint")).isTrue();
            assertThat(reply.body().has("logId")).isTrue();
            assertThat(reply.body().path("logTime").asText()).isEqualTo("2026-09-01T10:00:00");
            assertThat(reply.header("X-RequestId")).isNotBlank();
            assertThat(reply.header("X-RateLimiting")).startsWith("token-limit-10000-per-60-seconds: ");
        }
    }

    @Test
    void demo_tokens_read_but_cannot_write() {
        Reply read = send("GET", "/products?pagesize=1", null, tokens("demo", "demo"));
        Reply write = send("POST", "/customers", customerBody("Demo"), tokens("demo", "demo"));
        Reply demoQuery = send("GET", "/vat-zones?demo=true", null, tokens(null, null));

        assertThat(read.status()).isEqualTo(200);
        assertThat(demoQuery.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body().path("httpStatusCode").asInt()).isEqualTo(403);
        assertThat(simulator.customers()).isEmpty();
    }

    @Test
    void self_describes_the_agreement_and_lists_the_inventory_module_when_on() {
        Reply self = get("/self");

        assertThat(self.status()).isEqualTo(200);
        assertThat(self.body().path("agreementNumber").asInt()).isEqualTo(EconomicSimulator.AGREEMENT_NUMBER);
        assertThat(self.body().path("company").path("name").asText()).isNotBlank();
        assertThat(self.body().path("company").path("vatNumber").asText()).startsWith("SE");
        assertThat(self.body().path("settings").path("baseCurrency").asText()).isEqualTo("SEK");
        assertThat(self.body().path("application").path("appNumber").isInt()).isTrue();
        assertThat(self.body().path("modules").findValuesAsText("name")).doesNotContain("Inventory");

        simulator.setInventoryModule(true);

        assertThat(get("/self").body().path("modules").findValuesAsText("name")).contains("Inventory");
    }

    @Test
    void every_response_carries_a_distinct_request_id() {
        Reply first = get("/vat-zones");
        Reply second = get("/no-such-resource");

        assertThat(first.header("X-RequestId")).isNotBlank();
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.header("X-RequestId")).isNotBlank().isNotEqualTo(first.header("X-RequestId"));
    }

    @Test
    void setup_collections_are_seeded() {
        assertThat(get("/vat-zones").body().path("collection").findValuesAsText("name"))
                .containsExactly("Domestic", "EU", "Abroad", "Domestic exempt VAT");
        assertThat(get("/currencies").body().path("collection").findValuesAsText("code"))
                .contains("SEK", "EUR", "DKK", "NOK", "USD", "GBP");
        assertThat(get("/customer-groups").body().path("pagination").path("results").asInt()).isEqualTo(4);
        assertThat(get("/product-groups").body().path("collection").findValuesAsText("productGroupNumber"))
                .containsExactly("1", "2", "3", "4");
        assertThat(get("/product-groups/2/sales-accounts").body().path("collection")).extracting(
                a -> a.path("vatZone").path("name").asText() + ":" + a.path("salesAccount").path("vatAccount")
                        .path("vatCode").asText("-")).containsExactly("Domestic:U12", "EU:-", "Abroad:-",
                "Domestic exempt VAT:-");
        assertThat(get("/vat-accounts/U12").body().path("ratePercentage").decimalValue()).isEqualByComparingTo("12");
        assertThat(get("/payment-terms").body().path("collection").findValuesAsText("paymentTermsType"))
                .contains("net", "paidInCash", "creditcard");
        assertThat(get("/layouts/19").status()).isEqualTo(200);
        assertThat(get("/units/1").body().path("name").asText()).isEqualTo("st");
        assertThat(get("/currencies/eur").body().path("code").asText()).isEqualTo("EUR");
        assertThat(get("/layouts/999").status()).isEqualTo(404);
        assertThat(simulator.productCount()).isEqualTo(322);
        assertThat(get("/products/FRAKT").status()).isEqualTo(200);
        assertThat(get("/products/AVGIFT").status()).isEqualTo(200);
    }
}

package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The {@code /_sim/economic/} routes: no tokens needed, never journaled, never charged to the bucket. */
class EconomicSimulatorControlApiTest extends EconomicTestClient {
    private static final Map<String, String> NO_TOKENS = new java.util.HashMap<>();

    static {
        NO_TOKENS.put("X-AppSecretToken", null);
        NO_TOKENS.put("X-AgreementGrantToken", null);
    }

    private Reply control(String method, String path, String body) {
        return send(method, "/_sim/economic/" + path, body == null ? null : json(body), NO_TOKENS);
    }

    @Test
    void documents_and_customers_views() {
        int customer = createCustomer("Anna");
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));
        post("/orders/drafts", draftBody(customer, "SHOP-2"));

        JsonNode documents = control("GET", "documents", null).body();
        JsonNode single = control("GET", "documents/invoices/drafts/1", null).body();
        JsonNode customers = control("GET", "customers", null).body();

        assertThat(documents.path("invoices/drafts").get(0).path("referencesOther").asText()).isEqualTo("SHOP-1");
        assertThat(documents.path("orders/drafts").get(0).path("referencesOther").asText()).isEqualTo("SHOP-2");
        assertThat(documents.path("invoices/booked")).isEmpty();
        assertThat(single.path("lines")).hasSize(2);
        assertThat(customers.get(0).path("name").asText()).isEqualTo("Anna");
        assertThat(control("GET", "documents/invoices/drafts/9", null).status()).isEqualTo(404);
    }

    @Test
    void products_with_stock_and_setting_stock_moves_last_updated() {
        clock.advance(Duration.ofMinutes(30));

        Reply set = control("PUT", "products/KAF-00001/stock", "{\"inStock\": 12}");
        JsonNode page = control("GET", "products?offset=0&limit=5", null).body();

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("lastUpdated").asText()).isEqualTo("2026-09-01T10:30:00Z");
        assertThat(get("/products/KAF-00001").body().path("inventory").path("inStock").asInt()).isEqualTo(12);
        assertThat(page.path("total").asInt()).isEqualTo(322);
        assertThat(page.path("products")).hasSize(5);
        assertThat(page.path("products").get(0).has("inStock")).isTrue();
        assertThat(control("PUT", "products/NOPE/stock", "{\"inStock\": 1}").status()).isEqualTo(400);
    }

    @Test
    void inventory_module_switch() {
        assertThat(control("PUT", "inventory-module", "{\"enabled\": true}").body().path("enabled").asBoolean()).isTrue();
        assertThat(simulator.inventoryModule()).isTrue();
        assertThat(control("GET", "inventory-module", null).body().path("enabled").asBoolean()).isTrue();
        assertThat(post("/orders/drafts", draftBody(1, "X")).status()).isEqualTo(403);
    }

    @Test
    void budget_is_readable_and_configurable() {
        get("/vat-zones");
        get("/vat-zones");

        JsonNode budget = control("GET", "budget", null).body();
        control("PUT", "budget", "{\"capacity\": 1, \"windowSeconds\": 10}");

        assertThat(budget.path("capacity").asInt()).isEqualTo(10_000);
        assertThat(budget.path("used").asInt()).isEqualTo(2);
        assertThat(budget.path("callsToday").asInt()).isEqualTo(2);
        assertThat(get("/vat-zones").status()).isEqualTo(200);
        assertThat(get("/vat-zones").status()).isEqualTo(429);
        assertThat(simulator.journal()).noneMatch(r -> r.path().startsWith("/_sim/"));
    }

    @Test
    void payments_archive_seed_and_reset() {
        int customer = createCustomer("Anna");
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));
        post("/invoices/booked", json("{\"draftInvoice\": {\"draftInvoiceNumber\": 1}}"));
        int order = post("/orders/drafts", draftBody(customer, "SHOP-2")).body().path("orderNumber").asInt();
        post("/orders/sent", get("/orders/drafts/" + order).body());

        Reply paid = control("POST", "invoices/booked/1/payments", "{\"amount\": 100}");
        Reply archived = control("POST", "orders/sent/" + order + "/archive", null);
        Reply seeded = control("POST", "seed/articles", "{\"count\": 1000, \"seed\": 9}");

        assertThat(paid.body().path("remainder").decimalValue()).isEqualByComparingTo("185.25");
        assertThat(archived.status()).isEqualTo(200);
        assertThat(get("/orders/archived").body().path("collection")).hasSize(1);
        assertThat(seeded.body().path("products").asInt()).isGreaterThan(322);

        Reply reset = control("POST", "reset", null);

        assertThat(reset.body().path("products").asInt()).isEqualTo(322);
        assertThat(simulator.customers()).isEmpty();
        assertThat(simulator.documents().values()).allMatch(java.util.List::isEmpty);
        assertThat(simulator.callsToday()).isZero();
        assertThat(simulator.product("KAF-00001").orElseThrow().inStock()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
    }
}

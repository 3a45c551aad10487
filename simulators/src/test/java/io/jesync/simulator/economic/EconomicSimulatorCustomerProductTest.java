package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EconomicSimulatorCustomerProductTest extends EconomicTestClient {

    @Test
    void customer_post_returns201_with_location_and_server_number() {
        Reply reply = post("/customers", customerBody("Anna Lindqvist"));

        assertThat(reply.status()).isEqualTo(201);
        int number = reply.body().path("customerNumber").asInt();
        assertThat(number).isEqualTo(1);
        assertThat(reply.header("Location")).endsWith("/customers/1");
        assertThat(reply.body().path("self").asText()).isEqualTo(reply.header("Location"));
        assertThat(reply.body().path("customerGroup").path("self").asText()).endsWith("/customer-groups/1");
        assertThat(reply.body().path("lastUpdated").asText()).isEqualTo("2026-09-01T10:00:00Z");
        assertThat(get("/customers/1").body().path("name").asText()).isEqualTo("Anna Lindqvist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "currency", "customerGroup", "paymentTerms", "vatZone"})
    void each_required_customer_field_is_enforced(String field) {
        ObjectNode body = customerBody("Anna");
        body.remove(field);

        Reply reply = post("/customers", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("message").asText()).isEqualTo("Validation error.");
        assertThat(reply.body().path("errors").path(field).path("errors").get(0).path("errorCode").asText())
                .isEqualTo(EconomicErrors.REQUIRED);
        assertThat(simulator.customers()).isEmpty();
    }

    @Test
    void references_must_exist_and_nulls_are_rejected_but_unknown_properties_ignored() {
        ObjectNode missingGroup = customerBody("Anna");
        missingGroup.putObject("customerGroup").put("customerGroupNumber", 99);
        missingGroup.put("currency", "ZUL");
        ObjectNode withNull = customerBody("Anna");
        withNull.putNull("email");
        ObjectNode unknown = customerBody("Anna");
        unknown.put("favouriteColour", "green");

        Reply notFound = post("/customers", missingGroup);
        Reply nulled = post("/customers", withNull);
        Reply ignored = post("/customers", unknown);

        assertThat(notFound.status()).isEqualTo(400);
        JsonNode currencyError = notFound.body().path("errors").path("currency").path("errors").get(0);
        assertThat(currencyError.path("errorCode").asText()).isEqualTo("E06000");
        assertThat(currencyError.path("value").asText()).isEqualTo("ZUL");
        assertThat(notFound.body().path("errors").path("customerGroup").path("errors").get(0).path("errorCode")
                .asText()).isEqualTo("E06000");
        assertThat(nulled.status()).isEqualTo(400);
        assertThat(nulled.body().path("errors").path("email").path("errors").get(0).path("message").asText())
                .contains("Null");
        assertThat(ignored.status()).isEqualTo(201);
        assertThat(ignored.body().has("favouriteColour")).isFalse();
    }

    @Test
    void customer_put_replaces_creates_when_absent_and_delete_gives204_then404() {
        int number = createCustomer("Anna");
        ObjectNode replacement = customerBody("Anna Berg");
        replacement.put("barred", true);

        Reply replaced = put("/customers/" + number, replacement);
        Reply unbarred = put("/customers/" + number, customerBody("Anna Berg"));
        Reply createdByPut = put("/customers/500", customerBody("Ny kund"));
        Reply deleted = delete("/customers/" + number);
        Reply again = delete("/customers/" + number);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("barred").asBoolean()).isTrue();
        assertThat(unbarred.body().has("barred")).as("false booleans are omitted").isFalse();
        assertThat(unbarred.body().has("email")).as("PUT replaces the whole entity").isTrue();
        assertThat(createdByPut.status()).isEqualTo(201);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("errorCode").asText()).isEqualTo("E06000");
    }

    @Test
    void customer_used_by_a_draft_cannot_be_deleted() {
        int customer = createCustomer("Anna");
        assertThat(post("/invoices/drafts", draftBody(customer, "SHOP-1")).status()).isEqualTo(201);

        assertThat(delete("/customers/" + customer).status()).isEqualTo(400);
    }

    @Test
    void product_crud_with_read_only_inventory_and_last_updated() {
        ObjectNode body = productBody("SKU_1/A");
        body.putObject("inventory").put("inStock", 500).put("packageVolume", 1.5);

        Reply created = post("/products", body);
        String path = "/products/" + EconomicPaths.encodeId("SKU_1/A");
        Reply fetched = get(path);

        assertThat(created.status()).isEqualTo(201);
        assertThat(path).isEqualTo("/products/SKU_8_1_6_A");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().path("productNumber").asText()).isEqualTo("SKU_1/A");
        assertThat(fetched.body().path("inventory").path("inStock").decimalValue()).isEqualByComparingTo("0");
        assertThat(fetched.body().path("inventory").path("packageVolume").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(fetched.body().path("lastUpdated").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(fetched.body().path("productGroup").path("name").asText()).isEqualTo("Varor 25 % moms");

        clock.advance(Duration.ofMinutes(5));
        ObjectNode renamed = productBody("ignored");
        renamed.put("name", "Nytt namn");
        Reply updated = put(path, renamed);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("productNumber").asText()).as("the path decides the number").isEqualTo("SKU_1/A");
        assertThat(updated.body().path("lastUpdated").asText()).isEqualTo("2026-09-01T10:05:00Z");
        assertThat(delete(path).status()).isEqualTo(204);
        assertThat(get(path).status()).isEqualTo(404);
        assertThat(put("/products/NEW-1", productBody("NEW-1")).status()).isEqualTo(201);
    }

    @Test
    void stock_change_moves_last_updated() {
        clock.advance(Duration.ofHours(2));

        simulator.setStock("KAF-00001", new BigDecimal("7"), new BigDecimal("2"));
        JsonNode product = get("/products/KAF-00001").body();

        assertThat(product.path("lastUpdated").asText()).isEqualTo("2026-09-01T12:00:00Z");
        assertThat(product.path("inventory").path("inStock").decimalValue()).isEqualByComparingTo("7");
        assertThat(product.path("inventory").path("available").decimalValue()).isEqualByComparingTo("5");
        assertThat(product.path("inventory").path("inventoryLastUpdated").asText()).isEqualTo("2026-09-01T12:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"productNumber", "name", "productGroup"})
    void each_required_product_field_is_enforced(String field) {
        ObjectNode body = productBody("REQ-1");
        body.remove(field);

        Reply reply = post("/products", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").path(field).path("errors").get(0).path("errorCode").asText())
                .isEqualTo(EconomicErrors.REQUIRED);
    }

    @Test
    void product_number_must_be_a_string_of1_to25_characters() {
        ObjectNode numeric = productBody("x");
        numeric.put("productNumber", 123);
        ObjectNode empty = productBody("");
        ObjectNode tooLong = productBody("A".repeat(26));
        ObjectNode longest = productBody("A".repeat(25));

        assertThat(post("/products", numeric).body().path("errors").path("productNumber").path("errors").get(0)
                .path("errorCode").asText()).isEqualTo(EconomicErrors.WRONG_TYPE);
        assertThat(post("/products", empty).status()).isEqualTo(400);
        assertThat(post("/products", tooLong).body().path("errors").path("productNumber").path("errors").get(0)
                .path("errorCode").asText()).isEqualTo(EconomicErrors.TOO_LONG);
        assertThat(post("/products", longest).status()).isEqualTo(201);
        assertThat(post("/products", longest).status()).as("duplicate number").isEqualTo(400);
    }

    @Test
    void product_in_use_cannot_be_deleted_and_unknown_group_is_e06000() {
        int customer = createCustomer("Anna");
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));
        ObjectNode badGroup = productBody("G-1");
        badGroup.putObject("productGroup").put("productGroupNumber", 77);

        assertThat(delete("/products/KAF-00001").status()).isEqualTo(400);
        assertThat(post("/products", badGroup).body().path("errors").path("productGroup").path("errors").get(0)
                .path("errorCode").asText()).isEqualTo("E06000");
    }
}

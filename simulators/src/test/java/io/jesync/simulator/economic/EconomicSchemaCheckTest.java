package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import io.jesync.testsupport.EconomicSchemaCheck;

/** The tests' oracle for what the runtime sends: every POST/PUT body held to the transcribed e-conomic rule. */
class EconomicSchemaCheckTest extends EconomicTestClient {

    @Test
    void a_valid_flow_passes_and_a_broken_body_is_named() {
        try (EconomicSchemaCheck check = EconomicSchemaCheck.attach(simulator)) {
            int customer = createCustomer("Anna");
            post("/invoices/drafts", draftBody(customer, "SHOP-1"));
            post("/invoices/drafts/1/lines", json("""
                    {"lines": [{"product": {"productNumber": "AVGIFT"}, "description": "Avgift", "quantity": 1}]}"""));
            post("/invoices/booked", json("{\"draftInvoice\": {\"draftInvoiceNumber\": 1}, \"sendBy\": \"none\"}"));
            post("/products", productBody("CHECK-1"));
            put("/products/CHECK-1", productBody("CHECK-1"));
            put("/customers/" + customer, customerBody("Anna B"));
            int order = post("/orders/drafts", draftBody(customer, "SHOP-2")).body().path("orderNumber").asInt();
            post("/orders/sent", (ObjectNode) get("/orders/drafts/" + order).body());

            check.assertNoViolations();
            assertThat(check.checked()).isEqualTo(9);

            ObjectNode broken = draftBody(customer, "SHOP-3");
            ((ObjectNode) broken.path("lines").get(0)).put("unitNetPrice", new BigDecimal("1.999"));
            post("/invoices/drafts", broken);

            assertThat(check.violations()).singleElement().satisfies(v -> {
                assertThat(v.schema()).isEqualTo("invoices.drafts.post");
                assertThat(v.problem()).startsWith("$.lines[0].unitNetPrice:");
            });
        }
    }

    @Test
    void a_property_economic_does_not_write_is_a_violation() {
        try (EconomicSchemaCheck check = EconomicSchemaCheck.attach(simulator)) {
            ObjectNode body = customerBody("Anna");
            body.put("nickname", "Annie");
            body.put("balance", 100);
            ((ObjectNode) body.path("customerGroup")).put("label", "B2C");
            post("/customers", body);

            assertThat(check.violations()).extracting(EconomicSchemaCheck.Violation::problem).containsExactly(
                    "$.customerGroup.label: not a property of the transcribed rule",
                    "$.nickname: not a property of the transcribed rule",
                    "$.balance: read-only, e-conomic ignores it on write");
        }
    }

    @Test
    void a_request_without_a_transcribed_rule_is_a_violation() {
        try (EconomicSchemaCheck check = EconomicSchemaCheck.attach(simulator)) {
            int customer = createCustomer("Anna");
            post("/invoices/drafts", draftBody(customer, "SHOP-1"));
            check.clear();

            put("/invoices/drafts/1", draftBody(customer, "SHOP-1"));
            post("/suppliers", json("{\"name\": \"Rosteriet AB\"}"));

            assertThat(check.violations()).extracting(EconomicSchemaCheck.Violation::path,
                    EconomicSchemaCheck.Violation::problem).containsExactly(
                    tuple("/invoices/drafts/1", "no transcribed e-conomic rule for this request"),
                    tuple("/suppliers", "no transcribed e-conomic rule for this request"));
        }
    }

    @Test
    void paths_map_to_their_schemas() {
        assertThat(EconomicSchemaCheck.schemaFor("POST", "/invoices/drafts")).contains("invoices.drafts.post");
        assertThat(EconomicSchemaCheck.schemaFor("PUT", "/invoices/drafts/12")).isEmpty();
        assertThat(EconomicSchemaCheck.schemaFor("POST", "/invoices/drafts/12/lines"))
                .contains("invoices.drafts.draftInvoiceNumber.lines.post");
        assertThat(EconomicSchemaCheck.schemaFor("PUT", "/products/SKU_8_1")).contains("products.productNumber.put");
        assertThat(EconomicSchemaCheck.schemaFor("POST", "/customers/")).contains("customers.post");
        assertThat(EconomicSchemaCheck.schemaFor("POST", "/orders/drafts")).contains("orders.drafts.post");
        assertThat(EconomicSchemaCheck.schemaFor("POST", "/orders/sent")).contains("orders.sent.post");
        assertThat(EconomicSchemaCheck.schemaFor("POST", "/invoices/booked")).contains("invoices.booked.post");
        assertThat(EconomicSchemaCheck.schemaFor("GET", "/customers")).isEmpty();
    }
}

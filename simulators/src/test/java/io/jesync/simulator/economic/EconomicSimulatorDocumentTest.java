package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EconomicSimulatorDocumentTest extends EconomicTestClient {
    private int customer;

    @BeforeEach
    void customer() {
        customer = createCustomer("Anna Lindqvist");
    }

    @Test
    void draft_totals_use_the_product_groups_domestic_rate() {
        Reply reply = post("/invoices/drafts", draftBody(customer, "SHOP-1"));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode draft = reply.body();
        assertThat(draft.path("draftInvoiceNumber").asInt()).isEqualTo(1);
        assertThat(reply.header("Location")).endsWith("/invoices/drafts/1");
        // 2 x 100.00 at 12 % (food) + 49.00 at 25 % (fees)
        assertThat(draft.path("netAmount").decimalValue()).isEqualByComparingTo("249.00");
        assertThat(draft.path("vatAmount").decimalValue()).isEqualByComparingTo("36.25");
        assertThat(draft.path("grossAmount").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(draft.path("roundingAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(draft.path("grossAmountInBaseCurrency").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(draft.path("exchangeRate").decimalValue()).isEqualByComparingTo("100");
        assertThat(draft.path("dueDate").asText()).as("net 30").isEqualTo("2026-10-01");
        assertThat(draft.path("lines").get(0).path("lineNumber").asInt()).isEqualTo(1);
        assertThat(draft.path("lines").get(0).path("totalNetAmount").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(draft.path("lines").get(0).path("vatRate").decimalValue()).isEqualByComparingTo("12");
    }

    @Test
    void eu_recipient_pays_no_vat_and_foreign_currency_converts_to_base() {
        ObjectNode body = draftBody(customer, "SHOP-EU");
        body.put("currency", "EUR");
        body.put("exchangeRate", 1150);
        ((ObjectNode) body.path("recipient").path("vatZone")).put("vatZoneNumber", 2);

        JsonNode draft = post("/invoices/drafts", body).body();

        assertThat(draft.path("vatAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(draft.path("grossAmount").decimalValue()).isEqualByComparingTo("249.00");
        assertThat(draft.path("grossAmountInBaseCurrency").decimalValue()).isEqualByComparingTo("2863.50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "currency", "customer", "layout", "paymentTerms", "recipient"})
    void each_required_draft_field_is_enforced(String field) {
        ObjectNode body = draftBody(customer, "SHOP-1");
        body.remove(field);

        Reply reply = post("/invoices/drafts", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").path(field).path("errors").get(0).path("errorCode").asText())
                .isEqualTo(EconomicErrors.REQUIRED);
        assertThat(simulator.draftInvoices()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "vatZone"})
    void recipient_name_and_vat_zone_are_required(String field) {
        ObjectNode body = draftBody(customer, "SHOP-1");
        ((ObjectNode) body.get("recipient")).remove(field);

        Reply reply = post("/invoices/drafts", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").path("recipient").path(field).path("errors").get(0).path("errorCode")
                .asText()).isEqualTo(EconomicErrors.REQUIRED);
    }

    @Test
    void error_body_mirrors_the_payload_with_array_index() {
        ObjectNode body = draftBody(customer, "SHOP-1");
        body.put("currency", "ZUL");
        ((ObjectNode) body.path("lines").get(1)).put("unitNetPrice", 10.12345);

        Reply structural = post("/invoices/drafts", body);
        body.put("currency", "SEK");
        ((ObjectNode) body.path("lines").get(1)).put("unitNetPrice", 10.12);
        ((ObjectNode) body.path("lines").get(0).path("product")).put("productNumber", "NOPE");
        body.putObject("layout").put("layoutNumber", 77);
        Reply semantic = post("/invoices/drafts", body);

        assertThat(structural.status()).isEqualTo(400);
        JsonNode lineError = structural.body().path("errors").path("lines").get(0);
        assertThat(lineError.path("arrayIndex").asInt()).isEqualTo(1);
        JsonNode priceError = lineError.path("unitNetPrice").path("errors").get(0);
        assertThat(priceError.path("errorCode").asText()).isEqualTo("E04740");
        assertThat(priceError.path("message").asText())
                .isEqualTo("unitNetPrice scale cannot be greater then two decimal places.");
        assertThat(priceError.path("value").decimalValue()).isEqualByComparingTo("10.12345");
        JsonNode envelope = structural.body();
        assertThat(envelope.path("developerHint").asText()).isNotBlank();
        assertThat(envelope.path("logId").asText()).isNotBlank();
        assertThat(envelope.path("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(envelope.path("logTime").asText()).isNotBlank();

        assertThat(semantic.status()).isEqualTo(400);
        assertThat(semantic.body().path("errors").path("layout").path("errors").get(0).path("errorCode").asText())
                .isEqualTo("E06000");
        JsonNode productError = semantic.body().path("errors").path("lines").get(0);
        assertThat(productError.path("arrayIndex").asInt()).isEqualTo(0);
        assertThat(productError.path("product").path("errors").get(0).path("errorCode").asText()).isEqualTo("E06000");
    }

    @Test
    void line_rules_priced_line_needs_product_and_product_needs_quantity() {
        ObjectNode body = draftBody(customer, "SHOP-1");
        ObjectNode noProduct = (ObjectNode) body.path("lines").get(0);
        noProduct.remove("product");
        ObjectNode noQuantity = (ObjectNode) body.path("lines").get(1);
        noQuantity.remove("quantity");
        ObjectNode noIdentifier = body.withArray("lines").addObject();
        noIdentifier.putObject("product");
        noIdentifier.put("description", "x");
        noIdentifier.put("quantity", 1);

        JsonNode lines = post("/invoices/drafts", body).body().path("errors").path("lines");

        assertThat(lines.get(0).path("product").path("errors").get(0).path("errorCode").asText()).isEqualTo("E04730");
        assertThat(lines.get(1).path("quantity").path("errors").get(0).path("errorCode").asText()).isEqualTo("E04730");
        assertThat(lines.get(2).path("product").path("errors").get(0).path("errorCode").asText()).isEqualTo("E04500");
    }

    @Test
    void references_other_is_limited_to250_and_accepts_self_references() {
        ObjectNode tooLong = draftBody(customer, "X".repeat(251));
        ObjectNode bySelf = draftBody(customer, "X".repeat(250));
        bySelf.putObject("customer").put("self", "https://restapi.e-conomic.com/customers/" + customer);

        assertThat(post("/invoices/drafts", tooLong).status()).isEqualTo(400);
        Reply created = post("/invoices/drafts", bySelf);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("customer").path("customerNumber").asInt()).isEqualTo(customer);
    }

    @Test
    void list_omits_lines_put_replaces_delete_reports_deleted_items() {
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));
        post("/invoices/drafts", draftBody(customer, "SHOP-2"));
        ObjectNode replacement = draftBody(customer, "SHOP-1B");
        replacement.withArray("lines").remove(1);

        JsonNode list = get("/invoices/drafts").body();
        Reply replaced = put("/invoices/drafts/1", replacement);
        Reply deleted = delete("/invoices/drafts/2");

        assertThat(list.path("collection")).hasSize(2);
        assertThat(list.path("collection").get(0).has("lines")).isFalse();
        assertThat(list.path("collection").get(0).path("references").path("other").asText()).isEqualTo("SHOP-1");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("lines")).hasSize(1);
        assertThat(replaced.body().path("netAmount").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("message").asText()).isEqualTo("Deleted invoice.");
        assertThat(deleted.body().path("deletedCount").asInt()).isEqualTo(1);
        assertThat(deleted.body().path("deletedItems").get(0).path("draftInvoiceNumber").asInt()).isEqualTo(2);
        assertThat(delete("/invoices/drafts/2").status()).isEqualTo(404);
        assertThat(put("/invoices/drafts/99", replacement).status()).isEqualTo(404);
    }

    @Test
    void lines_can_be_appended() {
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));

        Reply reply = post("/invoices/drafts/1/lines", json("""
                {"lines": [{"product": {"productNumber": "AVGIFT"}, "description": "Avgift", "quantity": 1,
                            "unitNetPrice": 20.00}]}
                """));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("lines")).hasSize(3);
        assertThat(reply.body().path("lines").get(2).path("lineNumber").asInt()).isEqualTo(3);
        assertThat(get("/invoices/drafts/1").body().path("netAmount").decimalValue()).isEqualByComparingTo("269.00");
    }

    @Test
    void booking_moves_the_draft_and_payments_move_it_from_unpaid_to_paid() {
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));

        Reply booked = post("/invoices/booked", json("""
                {"draftInvoice": {"draftInvoiceNumber": 1}, "bookWithNumber": 1001, "sendBy": "none"}"""));

        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.body().path("bookedInvoiceNumber").asInt()).isEqualTo(1001);
        assertThat(booked.body().path("remainder").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(booked.body().path("remainderInBaseCurrency").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(get("/invoices/drafts/1").status()).isEqualTo(404);
        assertThat(get("/invoices/booked/1001").body().path("references").path("other").asText()).isEqualTo("SHOP-1");
        assertThat(get("/invoices/unpaid").body().path("collection")).hasSize(1);
        assertThat(get("/invoices/paid").body().path("collection")).isEmpty();
        assertThat(get("/customers/" + customer).body().path("balance").decimalValue()).isEqualByComparingTo("285.25");

        simulator.registerPayment(1001, new BigDecimal("285.25"));

        assertThat(get("/invoices/unpaid").body().path("collection")).isEmpty();
        assertThat(get("/invoices/paid").body().path("collection").get(0).path("remainder").decimalValue())
                .isEqualByComparingTo("0");
        assertThat(simulator.bookedInvoices()).extracting(EconomicSimulator.DocumentView::referencesOther)
                .containsExactly("SHOP-1");
    }

    @Test
    void booking_rules_send_by_case_unknown_draft_and_taken_number() {
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));
        post("/invoices/drafts", draftBody(customer, "SHOP-2"));

        Reply wrongCase = post("/invoices/booked", json("""
                {"draftInvoice": {"draftInvoiceNumber": 1}, "sendBy": "email"}"""));
        Reply unknown = post("/invoices/booked", json("{\"draftInvoice\": {\"draftInvoiceNumber\": 9}}"));
        Reply first = post("/invoices/booked", json("{\"draftInvoice\": {\"draftInvoiceNumber\": 1}, \"sendBy\": \"Email\"}"));
        Reply taken = post("/invoices/booked", json("""
                {"draftInvoice": {"draftInvoiceNumber": 2}, "bookWithNumber": %d}"""
                .formatted(first.body().path("bookedInvoiceNumber").asInt())));

        assertThat(wrongCase.status()).isEqualTo(400);
        assertThat(unknown.body().path("errors").path("draftInvoice").path("errors").get(0).path("errorCode").asText())
                .isEqualTo("E06000");
        assertThat(first.status()).isEqualTo(201);
        assertThat(taken.status()).isEqualTo(400);
    }

    @Test
    void booking_with_the_inventory_module_takes_stock() {
        simulator.setStock("KAF-00001", new BigDecimal("10"));
        simulator.setInventoryModule(true);
        post("/invoices/drafts", draftBody(customer, "SHOP-1"));

        post("/invoices/booked", json("{\"draftInvoice\": {\"draftInvoiceNumber\": 1}}"));

        assertThat(simulator.product("KAF-00001").orElseThrow().inStock()).isEqualByComparingTo("8");
    }

    @Test
    void order_lifecycle_draft_sent_archived() {
        Reply draft = post("/orders/drafts", draftBody(customer, "SHOP-9"));
        int number = draft.body().path("orderNumber").asInt();
        ObjectNode document = (ObjectNode) get("/orders/drafts/" + number).body();

        Reply sent = post("/orders/sent", document);

        assertThat(draft.status()).isEqualTo(201);
        assertThat(sent.status()).isEqualTo(201);
        assertThat(get("/orders/drafts/" + number).status()).isEqualTo(404);
        assertThat(get("/orders/sent").body().path("collection").get(0).has("lines")).isFalse();
        simulator.archiveSentOrder(number);
        assertThat(get("/orders/archived/" + number).body().path("references").path("other").asText())
                .isEqualTo("SHOP-9");

        int second = post("/orders/drafts", draftBody(customer, "SHOP-10")).body().path("orderNumber").asInt();
        assertThat(second).isEqualTo(number + 1);
        assertThat(put("/orders/drafts/" + second, draftBody(customer, "SHOP-10B")).status()).isEqualTo(200);
        assertThat(delete("/orders/drafts/" + second).status()).isEqualTo(204);
        assertThat(delete("/orders/drafts/" + second).status()).isEqualTo(404);
        assertThat(simulator.orders()).extracting(EconomicSimulator.DocumentView::collection)
                .containsExactly("orders/archived");
    }

    @Test
    void inventory_module_blocks_order_writes_but_not_reads() {
        post("/orders/drafts", draftBody(customer, "SHOP-9"));
        simulator.setInventoryModule(true);

        Reply write = post("/orders/drafts", draftBody(customer, "SHOP-10"));
        Reply read = get("/orders/drafts");
        Reply invoiceWrite = post("/invoices/drafts", draftBody(customer, "SHOP-11"));

        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body().path("httpStatusCode").asInt()).isEqualTo(403);
        assertThat(read.status()).isEqualTo(200);
        assertThat(invoiceWrite.status()).isEqualTo(201);
        assertThat(simulator.orders()).hasSize(1);
    }

    @Test
    void views_list_documents_with_their_references() {
        post("/invoices/drafts", draftBody(customer, "SHOP-A"));
        post("/orders/drafts", draftBody(customer, "SHOP-B"));

        assertThat(simulator.documents().get("invoices/drafts")).extracting(EconomicSimulator.DocumentView::referencesOther)
                .isEqualTo(List.of("SHOP-A"));
        assertThat(simulator.documents().get("orders/drafts")).extracting(EconomicSimulator.DocumentView::referencesOther)
                .isEqualTo(List.of("SHOP-B"));
    }
}

package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The life cycle controls (send, archive, book, pay, credit, delete), each through Java and through its control
 * route, judged by what the public REST API shows afterwards.
 */
class EconomicSimulatorLifecycleTest extends EconomicTestClient {
    private static final Map<String, String> NO_TOKENS = new java.util.HashMap<>();

    static {
        NO_TOKENS.put("X-AppSecretToken", null);
        NO_TOKENS.put("X-AgreementGrantToken", null);
    }

    private int customer;

    @BeforeEach
    void customer() {
        customer = createCustomer("Anna Lindqvist");
    }

    private Reply control(String method, String path, String body) {
        return send(method, "/_sim/economic/" + path, body == null ? null : json(body), NO_TOKENS);
    }

    private int draftInvoice(String reference) {
        return post("/invoices/drafts", draftBody(customer, reference)).body().path("draftInvoiceNumber").asInt();
    }

    private int draftOrder(String reference) {
        return post("/orders/drafts", draftBody(customer, reference)).body().path("orderNumber").asInt();
    }

    private JsonNode listed(String collection, String reference) {
        return get("/" + collection + "?filter=" + encode("references.other$eq:" + reference)).body().path("collection");
    }

    @Test
    void mark_order_sent_moves_the_draft_like_a_post_to_orders_sent() {
        int first = draftOrder("SHOP-1");
        int second = draftOrder("SHOP-2");

        ObjectNode sent = simulator.markOrderSent(first);
        Reply routed = control("POST", "orders/drafts/" + second + "/send", null);

        assertThat(sent.path("self").asText()).endsWith("/orders/sent/" + first);
        assertThat(routed.status()).isEqualTo(200);
        assertThat(get("/orders/drafts/" + first).status()).isEqualTo(404);
        assertThat(get("/orders/drafts/" + second).status()).isEqualTo(404);
        assertThat(get("/orders/sent/" + first).body().path("references").path("other").asText()).isEqualTo("SHOP-1");
        assertThat(get("/orders/sent/" + second).body().path("lines")).hasSize(2);
        assertThat(control("POST", "orders/drafts/" + second + "/send", null).status()).isEqualTo(400);
        assertThatThrownBy(() -> simulator.markOrderSent(first)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void archiving_a_sent_order_upgrades_it_to_an_invoice_draft() {
        int first = draftOrder("SHOP-1");
        int second = draftOrder("SHOP-2");
        simulator.markOrderSent(first);
        simulator.markOrderSent(second);
        JsonNode order = get("/orders/sent/" + first).body();

        EconomicSimulator.Upgrade upgrade = simulator.archiveSentOrder(first);
        Reply routed = control("POST", "orders/sent/" + second + "/archive", null);

        assertThat(get("/orders/sent/" + first).status()).isEqualTo(404);
        assertThat(get("/orders/archived/" + first).body().path("self").asText()).endsWith("/orders/archived/" + first);
        int draft = upgrade.draftInvoice().path("draftInvoiceNumber").asInt();
        JsonNode invoice = get("/invoices/drafts/" + draft).body();
        assertThat(invoice.path("customer").path("customerNumber").asInt()).isEqualTo(customer);
        assertThat(invoice.path("lines")).hasSize(2);
        assertThat(invoice.has("orderNumber")).isFalse();
        assertThat(invoice.path("grossAmount").decimalValue()).isEqualByComparingTo(order.path("grossAmount").decimalValue());
        assertThat(listed("invoices/drafts", "SHOP-1")).hasSize(1);
        assertThat(routed.body().path("archivedOrder").path("orderNumber").asInt()).isEqualTo(second);
        assertThat(listed("invoices/drafts", "SHOP-2").get(0).path("draftInvoiceNumber").asInt())
                .isEqualTo(routed.body().path("draftInvoice").path("draftInvoiceNumber").asInt());
        assertThat(simulator.documentsByReference("SHOP-2")).extracting(EconomicSimulator.DocumentView::collection)
                .containsExactly("invoices/drafts", "orders/archived");
    }

    @Test
    void book_draft_books_like_the_api_with_the_whole_gross_open() {
        int first = draftInvoice("SHOP-1");
        int second = draftInvoice("SHOP-2");

        ObjectNode booked = simulator.bookDraft(first);
        Reply routed = control("POST", "invoices/drafts/" + second + "/book", null);

        int number = booked.path("bookedInvoiceNumber").asInt();
        assertThat(get("/invoices/drafts/" + first).status()).isEqualTo(404);
        assertThat(get("/invoices/drafts/" + second).status()).isEqualTo(404);
        JsonNode shown = get("/invoices/booked/" + number).body();
        assertThat(shown.path("remainder").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(shown.path("grossAmount").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(shown.path("references").path("other").asText()).isEqualTo("SHOP-1");
        assertThat(routed.body().path("bookedInvoiceNumber").asInt()).isEqualTo(number + 1);
        assertThat(listed("invoices/unpaid", "SHOP-2")).hasSize(1);
        assertThat(control("POST", "invoices/drafts/" + second + "/book", null).status()).isEqualTo(400);
    }

    @Test
    void partial_payment_keeps_the_invoice_unpaid_and_full_payment_moves_it_to_paid() {
        int number = simulator.bookDraft(draftInvoice("SHOP-1")).path("bookedInvoiceNumber").asInt();

        simulator.registerPayment(number, new BigDecimal("100"));

        assertThat(get("/invoices/booked/" + number).body().path("remainder").decimalValue())
                .isEqualByComparingTo("185.25");
        assertThat(listed("invoices/unpaid", "SHOP-1")).hasSize(1);
        assertThat(listed("invoices/paid", "SHOP-1")).isEmpty();

        Reply full = control("POST", "invoices/booked/" + number + "/payments", "{\"amount\": 185.25}");

        assertThat(full.body().path("remainder").decimalValue()).isEqualByComparingTo("0");
        assertThat(full.body().path("remainderInBaseCurrency").decimalValue()).isEqualByComparingTo("0");
        assertThat(listed("invoices/unpaid", "SHOP-1")).isEmpty();
        assertThat(listed("invoices/paid", "SHOP-1")).hasSize(1);
        assertThat(control("POST", "invoices/booked/" + number + "/payments", "{\"amount\": 1}").status())
                .isEqualTo(400);
        assertThatThrownBy(() -> simulator.registerPayment(number, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crediting_a_whole_invoice_books_a_negative_invoice_with_the_same_reference() {
        simulator.setStock("KAF-00001", new BigDecimal("10"));
        simulator.setInventoryModule(true);
        int invoice = simulator.bookDraft(draftInvoice("SHOP-1")).path("bookedInvoiceNumber").asInt();
        clock.advance(Duration.ofDays(3));

        ObjectNode credit = simulator.creditInvoice(invoice, Optional.empty());

        JsonNode shown = get("/invoices/booked/" + credit.path("bookedInvoiceNumber").asInt()).body();
        assertThat(shown.path("grossAmount").decimalValue()).isEqualByComparingTo("-285.25");
        assertThat(shown.path("remainder").decimalValue()).isEqualByComparingTo("-285.25");
        assertThat(shown.path("references").path("other").asText()).isEqualTo("SHOP-1");
        assertThat(shown.path("notes").path("heading").asText()).isEqualTo("Credit note for invoice " + invoice);
        assertThat(shown.path("date").asText()).isEqualTo("2026-09-04");
        assertThat(shown.path("lines")).extracting(line -> line.path("quantity").decimalValue())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("-2"), new BigDecimal("-1"));
        assertThat(get("/invoices/drafts").body().path("collection")).isEmpty();
        assertThat(get("/customers/" + customer).body().path("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(simulator.product("KAF-00001").orElseThrow().inStock()).isEqualByComparingTo("10");
        assertThatThrownBy(() -> simulator.creditInvoice(credit.path("bookedInvoiceNumber").asInt(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(simulator.documentsByReference("SHOP-1")).extracting(EconomicSimulator.DocumentView::remainder)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("285.25"), new BigDecimal("-285.25"));
    }

    @Test
    void crediting_chosen_lines_through_the_control_route() {
        int invoice = simulator.bookDraft(draftInvoice("SHOP-1")).path("bookedInvoiceNumber").asInt();

        Reply credit = control("POST", "invoices/booked/" + invoice + "/credit",
                "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 1}]}");

        assertThat(credit.status()).isEqualTo(200);
        JsonNode shown = get("/invoices/booked/" + credit.body().path("bookedInvoiceNumber").asInt()).body();
        assertThat(shown.path("grossAmount").decimalValue()).isEqualByComparingTo("-112.00");
        assertThat(shown.path("lines")).hasSize(1);
        assertThat(shown.path("lines").get(0).path("product").path("productNumber").asText()).isEqualTo("KAF-00001");
        assertThat(listed("invoices/booked", "SHOP-1")).hasSize(2);
        assertThat(control("POST", "invoices/booked/" + invoice + "/credit",
                "{\"lines\": [{\"lineNumber\": 9, \"quantity\": 1}]}").status()).isEqualTo(400);
        assertThat(control("POST", "invoices/booked/" + invoice + "/credit",
                "{\"lines\": [{\"lineNumber\": 1, \"quantity\": 3}]}").status()).isEqualTo(400);
        assertThatThrownBy(() -> simulator.creditInvoice(invoice,
                Optional.of(List.of(new EconomicSimulator.CreditLine(2, BigDecimal.ZERO)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(simulator.bookedInvoices()).hasSize(2);
    }

    @Test
    void delete_draft_removes_drafts_and_orders_but_never_booked_invoices() {
        int invoice = draftInvoice("SHOP-1");
        int order = draftOrder("SHOP-2");
        int booked = simulator.bookDraft(draftInvoice("SHOP-3")).path("bookedInvoiceNumber").asInt();

        simulator.deleteDraft("invoices/drafts", invoice);
        Reply routed = control("DELETE", "documents/orders/drafts/" + order, null);

        assertThat(get("/invoices/drafts/" + invoice).status()).isEqualTo(404);
        assertThat(listed("invoices/drafts", "SHOP-1")).isEmpty();
        assertThat(routed.status()).isEqualTo(204);
        assertThat(get("/orders/drafts/" + order).status()).isEqualTo(404);
        assertThat(listed("orders/drafts", "SHOP-2")).isEmpty();
        assertThat(control("DELETE", "documents/orders/drafts/" + order, null).status()).isEqualTo(400);
        assertThat(control("DELETE", "documents/invoices/booked/" + booked, null).status()).isEqualTo(400);
        assertThatThrownBy(() -> simulator.deleteDraft("invoices/booked", booked))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(get("/invoices/booked/" + booked).status()).isEqualTo(200);
    }

    @Test
    void documents_by_reference_spans_every_collection() {
        int booked = simulator.bookDraft(draftInvoice("SHOP 1/$x")).path("bookedInvoiceNumber").asInt();
        draftInvoice("SHOP 1/$x");
        draftOrder("SHOP 1/$x");
        draftOrder("OTHER");

        Reply reply = control("GET", "documents/by-reference?other=" + encode("SHOP 1/$x"), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).extracting(d -> d.path("collection").asText())
                .containsExactly("invoices/drafts", "invoices/booked", "orders/drafts");
        assertThat(reply.body().get(1).path("number").asInt()).isEqualTo(booked);
        assertThat(reply.body().get(1).path("remainder").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(reply.body().get(1).path("grossAmount").decimalValue()).isEqualByComparingTo("285.25");
        assertThat(control("GET", "documents/by-reference", null).status()).isEqualTo(400);
        assertThat(simulator.documentsByReference("NONE")).isEmpty();
    }
}

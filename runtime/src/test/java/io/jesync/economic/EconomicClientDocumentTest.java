package io.jesync.economic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EconomicClientDocumentTest extends EconomicClientTestSupport {

    @Test
    void created_draft_invoice_carries_the_server_totals() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");

        DocumentResult draft = client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "SHOP-1001"),
                "order-1001-draft");

        assertThat(draft.collection()).isEqualTo(DocumentCollection.INVOICE_DRAFTS);
        assertThat(draft.number()).isPositive();
        assertThat(draft.fromCache()).isFalse();
        assertThat(draft.requestId()).isNotBlank();
        assertThat(draft.amounts().netAmount()).isEqualByComparingTo("249.00");
        assertThat(draft.amounts().vatAmount()).isEqualByComparingTo("36.25");
        assertThat(draft.amounts().grossAmount()).isEqualByComparingTo("285.25");
        assertThat(draft.amounts().roundingAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(client.getDocument(DocumentKind.DRAFT_INVOICE, draft.number()))
                .hasValueSatisfying(stored -> assertThat(stored.body().path("lines")).hasSize(2));
        assertThat(journal("POST /invoices/drafts").get(0).headers().get("idempotency-key"))
                .containsExactly("order-1001-draft");
        schemaCheck.assertNoViolations();
    }

    @Test
    void reference_look_up_follows_documents_through_every_collection() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        DocumentResult draft = client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "SHOP-1"), "k1");

        assertThat(client.findDocumentsByReference("SHOP-1"))
                .extracting(FoundDocument::collection, FoundDocument::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DocumentCollection.INVOICE_DRAFTS, draft.number()));

        DocumentResult booked = client.bookDraft(draft.number(), Optional.of("none"), "k1-book");
        assertThat(booked.collection()).isEqualTo(DocumentCollection.INVOICES_BOOKED);
        assertThat(client.findDocumentsByReference("SHOP-1"))
                .extracting(FoundDocument::collection, FoundDocument::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DocumentCollection.INVOICES_BOOKED, booked.number()));

        DocumentResult order = client.createDocument(DocumentKind.ORDER, draftBody(customer, "SHOP-2"), "k2");
        assertThat(client.findDocumentsByReference("SHOP-2")).extracting(FoundDocument::collection)
                .containsExactly(DocumentCollection.ORDER_DRAFTS);

        ObjectNode full = (ObjectNode) client.getDocument(DocumentKind.ORDER, order.number()).orElseThrow().body();
        DocumentResult sent = client.markOrderSent(full, "k2-sent");
        assertThat(sent.number()).isEqualTo(order.number());
        assertThat(client.findDocumentsByReference("SHOP-2")).extracting(FoundDocument::collection)
                .containsExactly(DocumentCollection.ORDERS_SENT);

        int upgraded = simulator.archiveSentOrder(order.number()).draftInvoice().path("draftInvoiceNumber").asInt();
        assertThat(client.findDocumentsByReference("SHOP-2")).extracting(FoundDocument::collection, FoundDocument::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DocumentCollection.INVOICE_DRAFTS, upgraded),
                        org.assertj.core.groups.Tuple.tuple(DocumentCollection.ORDERS_ARCHIVED, order.number()));
        schemaCheck.assertNoViolations();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHOP$1", "SHOP(1)", "A,B", "[42]", "order 17 ", "Kund æøå ÅÄÖ", "50*off",
            "mix $(a),[b]* & ? # % + æ"})
    void references_with_special_characters_are_found_exactly(String reference) {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "decoy"), "decoy");
        DocumentResult draft = client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, reference), "k");

        assertThat(client.findDocumentsByReference(reference)).singleElement()
                .satisfies(found -> {
                    assertThat(found.number()).isEqualTo(draft.number());
                    assertThat(found.summary().path("references").path("other").asText()).isEqualTo(reference);
                });
        schemaCheck.assertNoViolations();
    }

    @Test
    void look_up_ignores_references_that_only_differ_in_case() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "shop-7"), "k");

        assertThat(client.findDocumentsByReference("SHOP-7")).isEmpty();
        assertThat(client.findDocumentsByReference("shop-7")).hasSize(1);
    }

    @Test
    void inventory_module_refuses_order_writes_but_order_collections_stay_readable() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        DocumentResult order = client.createDocument(DocumentKind.ORDER, draftBody(customer, "SHOP-9"), "k9");
        simulator.setInventoryModule(true);

        assertThat(client.self().inventoryModule()).isTrue();
        assertThatThrownBy(() -> client.createDocument(DocumentKind.ORDER, draftBody(customer, "SHOP-10"), "k10"))
                .isInstanceOfSatisfying(EconomicAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.summary()).contains("inventory module");
                });
        assertThat(journal("POST /orders/drafts")).hasSize(2);
        assertThat(client.findDocumentsByReference("SHOP-9")).extracting(FoundDocument::number)
                .containsExactly(order.number());
        schemaCheck.assertNoViolations();
    }

    @Test
    void drafts_are_deleted_only_with_a_key() {
        EconomicClient client = client();
        int customer = createCustomer(client, "Anna");
        DocumentResult draft = client.createDocument(DocumentKind.DRAFT_INVOICE, draftBody(customer, "SHOP-3"), "k3");

        assertThatThrownBy(() -> client.deleteDraft(DocumentKind.DRAFT_INVOICE, draft.number(), " "))
                .isInstanceOf(IllegalArgumentException.class);
        client.deleteDraft(DocumentKind.DRAFT_INVOICE, draft.number(), "k3-delete");
        client.deleteDraft(DocumentKind.DRAFT_INVOICE, draft.number(), "k3-delete");

        assertThat(client.getDocument(DocumentKind.DRAFT_INVOICE, draft.number())).isEmpty();
        assertThat(simulator.draftInvoices()).isEmpty();
        schemaCheck.assertNoViolations();
    }
}

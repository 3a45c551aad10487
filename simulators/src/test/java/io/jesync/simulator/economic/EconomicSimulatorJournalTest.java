package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Journals and vouchers: the published schema's rules on a voucher, the entries waiting in the journal, found by
 * text, and booking the journal (the control) lowering the invoice's remainder and moving the entry to its year.
 */
class EconomicSimulatorJournalTest extends EconomicTestClient {
    private int customer;
    private int invoice;
    private String year;

    @BeforeEach
    void bookedInvoice() {
        customer = createCustomer("Anna Lindqvist");
        int draft = post("/invoices/drafts", draftBody(customer, "SHOP-9")).body().path("draftInvoiceNumber").asInt();
        invoice = simulator.bookDraft(draft).path("bookedInvoiceNumber").asInt();
        year = Integer.toString(START.atZone(java.time.ZoneOffset.UTC).getYear());
    }

    private String voucher(String entry) {
        return "{\"accountingYear\":{\"year\":\"" + year + "\"},\"journal\":{\"journalNumber\":1},"
                + "\"entries\":{\"customerPayments\":[" + entry + "]}}";
    }

    @Test
    void a_voucher_breaking_the_published_rules_is_refused_naming_each_field() {
        Reply reply = post("/journals/1/vouchers", json(voucher("{\"customer\":{\"customerNumber\":" + customer
                + "},\"customerInvoice\":999,\"text\":\"" + "x".repeat(251) + "\"}")));

        assertThat(reply.status()).isEqualTo(400);
        JsonNode entry = reply.body().path("errors").path("entries").path("customerPayments").path(0);
        assertThat(entry.has("amount")).as("amount is required").isTrue();
        assertThat(entry.has("date")).as("date is required").isTrue();
        assertThat(entry.has("text")).as("text is at most 250 characters").isTrue();

        Reply neither = post("/journals/1/vouchers", json(voucher("{\"amount\":10,\"date\":\"" + year
                + "-03-01\"}")));
        assertThat(neither.status()).as("either customer or contraAccount is required").isEqualTo(400);
        assertThat(get("/journals/1/entries").body().path("collection")).isEmpty();
    }

    @Test
    void an_entry_waits_in_the_journal_found_by_its_text_until_booking_settles_the_invoice() {
        BigDecimal gross = simulator.document("invoices/booked", invoice).orElseThrow().path("grossAmount")
                .decimalValue();
        Reply created = post("/journals/1/vouchers", json(voucher("{\"customer\":{\"customerNumber\":" + customer
                + "},\"customerInvoice\":" + invoice + ",\"amount\":" + gross.toPlainString()
                + ",\"currency\":{\"code\":\"SEK\"},\"date\":\"" + year + "-03-01\","
                + "\"contraAccount\":{\"accountNumber\":5820},\"text\":\"Shop order 77 payment KCO #t-1\"}")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path(0).path("voucherNumber").asInt()).isEqualTo(1);
        JsonNode found = get("/journals/1/entries?filter=" + encode("text$eq:Shop order 77 payment KCO #t-1"))
                .body().path("collection");
        assertThat(found).hasSize(1);
        assertThat(found.path(0).path("voucher").path("voucherNumber").asInt()).isEqualTo(1);
        assertThat(simulator.document("invoices/booked", invoice).orElseThrow().path("remainder").decimalValue())
                .isEqualByComparingTo(gross);

        assertThat(simulator.bookJournal(1)).isEqualTo(1);

        assertThat(get("/journals/1/entries").body().path("collection")).isEmpty();
        assertThat(get("/accounting-years/" + year + "/entries?filter=" + encode("text$eq:Shop order 77 payment KCO #t-1"))
                .body().path("collection")).hasSize(1);
        assertThat(simulator.document("invoices/booked", invoice).orElseThrow().path("remainder").decimalValue())
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(get("/invoices/paid").body().path("collection")).extracting(i -> i.path("bookedInvoiceNumber")
                .asInt()).contains(invoice);
    }
}

package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;

/** Support's search box: full names, e-mails, order and article numbers, and exact document numbers first. */
class OrderSearchTest {
    @TempDir
    Path dir;
    private Database database;
    private OrderLedger ledger;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeEach
    void open() {
        database = TestDatabases.fresh(TestDatabases.Kind.H2, dir);
        new Migrations(database).migrate();
        ledger = new OrderLedger(database, clock);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void a_full_name_finds_the_order_whose_first_and_last_name_are_two_fields() {
        order("1001", "Anna", "Lindqvist", "anna@example.se", "BOOK-01", 5L);
        order("1002", "Anna", "Berg", "berg@example.se", "BOOK-02", 6L);
        order("1003", "Erik", "Lindqvist", "erik@example.se", "BOOK-03", 7L);

        assertThat(search("Anna Lindqvist")).containsExactly("1001");
        assertThat(search("lindqvist")).containsExactlyInAnyOrder("1001", "1003");
        assertThat(search("BERG@example.se")).containsExactly("1002");
        assertThat(search("BOOK-03")).containsExactly("1003");
        assertThat(search("Nobody Here")).isEmpty();
    }

    @Test
    void an_exact_document_number_comes_before_orders_that_merely_contain_its_digits() {
        order("1011", "Karl", "Ek", "karl@example.se", "A-11", 4L);
        order("2000", "Lisa", "Ek", "lisa@example.se", "A-2", 11L);
        order("1110", "Sven", "Ek", "sven11@example.se", "A-3", 12L);

        List<String> found = search("11");
        assertThat(found).containsExactlyInAnyOrder("1011", "2000", "1110");
        assertThat(found.get(0)).as("draft 11 first").isEqualTo("2000");
        assertThat(search("1110").get(0)).as("the exact order number first").isEqualTo("1110");
    }

    @Test
    void a_parked_order_keeps_its_reasons_code_until_the_reason_changes() {
        order("3001", "Nils", "Holm", "", "A-1", null);
        LedgerEntry acknowledged = ledger.find("se", "3001").orElseThrow();
        LedgerEntry parked = ledger.transition("se", "3001", acknowledged.row().version(), OrderState.ACKNOWLEDGED,
                OrderState.PARKED, LedgerChanges.none().reason("Order 3001: no e-mail address.")
                        .reasonCode("MISSING_EMAIL")).orElseThrow();
        assertThat(parked.reasonCode()).isEqualTo("MISSING_EMAIL");
        assertThat(ledger.search(new OrderQuery(null, null, OrderState.PARKED, null, null, null, 10, 0)).get(0)
                .reasonCode()).isEqualTo("MISSING_EMAIL");

        LedgerEntry requeued = ledger.requeue("se", "3001").orElseThrow();
        assertThat(requeued.reasonCode()).isNull();
        LedgerEntry failed = ledger.transition("se", "3001", requeued.row().version(), OrderState.NEW, OrderState.FAILED,
                LedgerChanges.none().reason("e-conomic answered 503")).orElseThrow();
        assertThat(failed.reasonCode()).as("a reason without a code").isNull();
    }

    private List<String> search(String text) {
        return ledger.search(new OrderQuery(null, null, null, null, null, text, 50, 0)).stream()
                .map(LedgerEntry::orderNo).toList();
    }

    private void order(String orderNo, String first, String last, String email, String article, Long draft) {
        clock.advance(Duration.ofMinutes(1));
        Claim claim = ledger.claim("se", orderNo, "1", "test", Duration.ofMinutes(1)).orElseThrow();
        String shopOrder = "{\"OrderNo\":\"" + orderNo + "\",\"Buyer\":{\"FirstName\":\"" + first
                + "\",\"LastName\":\"" + last + "\",\"EmailAddress\":\"" + email + "\"},\"Items\":[{\"PartNo\":\""
                + article + "\"}]}";
        ledger.transition("se", orderNo, claim.version(), OrderState.NEW, OrderState.ACKNOWLEDGED,
                LedgerChanges.none().documentType("draft-invoice").economicDocumentNumber(draft)
                        .shopOrder(Long.parseLong(orderNo), shopOrder)).orElseThrow();
    }
}

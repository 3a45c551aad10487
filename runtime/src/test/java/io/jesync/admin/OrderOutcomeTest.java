package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.status.OrderLife;
import io.jesync.status.StatusEventType;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderState;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalKind;
import io.jesync.reversal.ReversalState;
import io.jesync.status.StatusLedger;
import io.jesync.store.LedgerRow;

/** The order page's first sentence: the business outcome, each document with its kind next to its number. */
class OrderOutcomeTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final LedgerRow ROW = new LedgerRow(null, 1, null, null, null, AT, AT, 1);
    private static final OrderLife.Standing OPEN = new OrderLife.Standing(OrderLife.Stage.OPEN, "open");

    @Test
    void a_booked_and_paid_invoice_names_the_invoice_number_beside_the_draft() {
        ObjectNode outcome = OrderOutcome.of(entry(OrderState.ACKNOWLEDGED, 11L), OPEN, List.of(
                new StatusLedger.SeenEvent(StatusEventType.INVOICE_BOOKED, 42, AT),
                new StatusLedger.SeenEvent(StatusEventType.INVOICE_PAID, 42, AT)), List.of());

        assertThat(outcome.path("headline").asText()).isEqualTo("Booked as invoice 42, paid.");
        assertThat(outcome.path("documents").toString()).contains("\"kind\":\"draft invoice\",\"number\":11",
                "\"kind\":\"booked invoice\",\"number\":42");
    }

    @Test
    void a_cancelled_and_credited_order_says_so_with_the_credit_note() {
        ObjectNode outcome = OrderOutcome.of(entry(OrderState.ACKNOWLEDGED, 11L),
                new OrderLife.Standing(OrderLife.Stage.CREDITED, "credited"),
                List.of(new StatusLedger.SeenEvent(StatusEventType.INVOICE_BOOKED, 42, AT)),
                List.of(reversal(ReversalKind.CANCEL, 7L)));

        assertThat(outcome.path("headline").asText())
                .isEqualTo("Cancelled in the shop and credited in e-conomic (credit note 7).");
        assertThat(outcome.path("tone").asText()).isEqualTo("ended");
    }

    @Test
    void a_deleted_draft_and_a_parked_order_are_not_shown_as_success() {
        assertThat(OrderOutcome.of(entry(OrderState.ACKNOWLEDGED, 11L),
                new OrderLife.Standing(OrderLife.Stage.CANCELLED_AND_DELETED, "deleted"), List.of(), List.of())
                .path("headline").asText()).isEqualTo("Cancelled in the shop; its draft invoice 11 was deleted in"
                + " e-conomic.");
        ObjectNode parked = OrderOutcome.of(entry(OrderState.PARKED, null), OPEN, List.of(), List.of());
        assertThat(parked.path("tone").asText()).isEqualTo("bad");
        assertThat(parked.path("documents")).isEmpty();
    }

    private static LedgerEntry entry(OrderState state, Long draft) {
        return new LedgerEntry("se", "1001", "1", state, "draft-invoice", draft, null, "k", "jetshop:se:1001", null,
                null, 5L, null, null, ROW);
    }

    private static ReversalEntry reversal(ReversalKind kind, Long booked) {
        return new ReversalEntry("se", "1001", 1, kind, "[]", ReversalState.DONE, "credit-note", "k",
                "jetshop:se:1001/credit-1", 3L, booked, ROW);
    }
}

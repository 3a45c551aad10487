package io.jesync.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.simulator.Fault;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.economic.EconomicSimulator.DocumentView;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderEvent;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * Orders changed in the shop after their transfer, round trip on both simulators: what e-conomic ends up with,
 * exactly once, whatever fails on the way.
 */
@Tag("harness")
class ReversalRoundTripTest {
    private static final Map<String, String> BOOKED = Map.of("shop.se.orders.document-type", "booked-invoice");

    @TempDir
    Path tempDir;

    @Test
    void cancelled_before_booking_deletes_the_draft_exactly_once_even_when_the_answer_is_lost() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = transferred(h, 1);
            String reference = "jetshop:se:" + order.orderNo();
            assertThat(h.economic.documentsByReference(reference)).extracting(DocumentView::collection)
                    .containsExactly("invoices/drafts");
            // Four lost answers in a row exhaust the client's own retries: the reversal is left in doubt.
            h.economic.faults().script("DELETE /invoices/drafts/{number}", Fault.LOST_RESPONSE, Fault.LOST_RESPONSE,
                    Fault.LOST_RESPONSE, Fault.LOST_RESPONSE);

            cancelInShop(h, order);
            h.runReversalsUntilSettled(20);
            h.runReversalsOnce();

            assertThat(h.economic.documentsByReference(reference)).isEmpty();
            assertThat(h.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(ReversalState.DONE));
            assertThat(steps(h, order)).contains("shop-cancelled", "reversal-in-doubt", "draft-deleted");
            assertThat(h.economic.faults().injectedCounts()).containsKey(Fault.LOST_RESPONSE);
            assertThat(h.economic.journal()).as("a draft invoice is looked for among the invoices only")
                    .noneMatch(r -> r.path().startsWith("/orders/") && r.query() != null
                            && r.query().contains("references.other%24eq"));
        }
    }

    @Test
    void a_deleted_draft_whose_number_was_reused_is_not_deleted_twice() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = transferred(h, 2);
            h.economic.faults().script("DELETE /invoices/drafts/{number}", Fault.LOST_RESPONSE, Fault.LOST_RESPONSE,
                    Fault.LOST_RESPONSE, Fault.LOST_RESPONSE);
            cancelInShop(h, order);
            h.runReversalsOnce();
            NorceModel.Order next = transferred(h, 3);
            String nextReference = "jetshop:se:" + next.orderNo();
            int reused = h.economic.documentsByReference(nextReference).get(0).number();
            assertThat(reused).as("e-conomic reuses the deleted number").isEqualTo(
                    h.reversals().ledger().forOrder("se", order.orderNo()).get(0).economicDraftNumber().intValue());

            h.clock.advance(Duration.ofMinutes(5));
            h.runReversalsUntilSettled(20);

            assertThat(h.economic.documentsByReference(nextReference)).as("the other order's draft").hasSize(1);
        }
    }

    @Test
    void cancelled_after_booking_books_a_credit_note_for_the_negated_total() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, BOOKED)) {
            NorceModel.Order order = transferred(h, 4);
            DocumentView invoice = h.economic.documentsByReference("jetshop:se:" + order.orderNo()).get(0);
            assertThat(invoice.collection()).isEqualTo("invoices/booked");

            cancelInShop(h, order);
            h.runReversalsUntilSettled(20);
            h.runReversalsOnce();

            List<DocumentView> notes = h.economic.documentsByReference("jetshop:se:" + order.orderNo() + "/credit-1");
            assertThat(notes).singleElement().satisfies(note -> {
                assertThat(note.collection()).isEqualTo("invoices/booked");
                assertThat(note.grossAmount()).isEqualByComparingTo(invoice.grossAmount().negate());
            });
            assertThat(steps(h, order)).contains("shop-cancelled", "credit-note", "credit-note-booked");
            h.schemaCheck.assertNoViolations();
        }
    }

    @Test
    void a_partial_refund_credits_exactly_the_refunded_lines_and_a_second_only_the_new_difference() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, BOOKED)) {
            NorceModel.Order order = transferred(h, 5, o -> o.items().stream().filter(i -> !i.isFee()).count() >= 2);
            String reference = "jetshop:se:" + order.orderNo();
            ObjectNode invoice = h.economic.document("invoices/booked",
                    h.economic.documentsByReference(reference).get(0).number()).orElseThrow();
            NorceModel.OrderItem first = order.items().get(0);
            NorceModel.OrderItem second = order.items().get(1);

            h.norce.reduceLine(order.id(), 1, first.qtyOrdered().subtract(BigDecimal.ONE));
            h.clock.advance(Duration.ofMinutes(1));
            h.runReversalsUntilSettled(20);
            h.norce.cancelLine(order.id(), 2);
            h.clock.advance(Duration.ofMinutes(1));
            h.runReversalsUntilSettled(20);
            h.runReversalsOnce();

            List<ReversalEntry> reversals = h.reversals().ledger().forOrder("se", order.orderNo());
            assertThat(reversals).extracting(ReversalEntry::state).containsExactly(ReversalState.DONE,
                    ReversalState.DONE);
            ObjectNode note1 = creditNote(h, reference + "/credit-1");
            ObjectNode note2 = creditNote(h, reference + "/credit-2");
            assertThat(lines(note1)).containsExactly(first.partNo() + " -1");
            assertThat(lines(note2)).containsExactly(second.partNo() + " -" + plain(second.qtyOrdered()));
            assertThat(note1.path("netAmount").decimalValue()).isEqualByComparingTo(
                    lineNet(invoice.path("lines").get(0), BigDecimal.ONE).negate());
            assertThat(note2.path("netAmount").decimalValue()).isEqualByComparingTo(
                    lineNet(invoice.path("lines").get(1), second.qtyOrdered()).negate());
            assertThat(h.economic.bookedInvoices()).hasSize(3);
            assertThat(steps(h, order)).contains("shop-refunded", "credit-note-booked");
            h.schemaCheck.assertNoViolations();
        }
    }

    @Test
    void a_refund_while_the_order_flow_still_retries_the_acknowledgement_is_credited() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, BOOKED)) {
            long seed = 5;
            NorceModel.Order order = h.placeOrder(seed);
            while (order.items().get(0).qtyOrdered().compareTo(BigDecimal.valueOf(2)) < 0) {
                h.norce.vanishOrder(order.id());
                order = h.placeOrder(++seed);
            }
            NorceModel.OrderItem first = order.items().get(0);
            io.jesync.simulator.Fault[] outage = new io.jesync.simulator.Fault[4];
            java.util.Arrays.fill(outage, io.jesync.simulator.Fault.UNAVAILABLE);
            h.norce.faults().script("POST /commerce/connect/4.0/Order/SendOrderStatus", outage);
            h.runOnce();
            assertThat(h.assembly.ledger().find("se", order.orderNo()).orElseThrow().state())
                    .as("booked in e-conomic, the shop not yet told").isEqualTo(io.jesync.order.OrderState.BOOKED);

            h.norce.reduceLine(order.id(), 1, first.qtyOrdered().subtract(BigDecimal.ONE));
            // Late enough that the acknowledgement retry is due when the next poll reads the changed order again.
            h.clock.advance(Duration.ofHours(1));
            h.runUntilSettled(20);
            h.clock.advance(Duration.ofMinutes(1));
            h.runReversalsUntilSettled(20);

            assertThat(lines(creditNote(h, "jetshop:se:" + order.orderNo() + "/credit-1")))
                    .as("the quantity the shop took back after the transfer").containsExactly(first.partNo() + " -1");
        }
    }

    @Test
    void a_refund_on_an_invoice_not_yet_booked_changes_nothing_and_is_parked() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = transferred(h, 6);
            h.norce.cancelLine(order.id(), 1);
            h.clock.advance(Duration.ofMinutes(1));
            h.runReversalsUntilSettled(20);

            ReversalEntry refund = h.reversals().ledger().forOrder("se", order.orderNo()).get(0);
            assertThat(refund.state()).isEqualTo(ReversalState.PARKED);
            assertThat(refund.row().reason()).contains("Order " + order.orderNo(), "not booked yet",
                    "edit the draft there");
            assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo()))
                    .extracting(DocumentView::collection).containsExactly("invoices/drafts");
        }
    }

    @Test
    void once_the_invoice_is_booked_an_operator_retries_the_parked_refund_and_it_is_credited_once() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order order = transferred(h, 6);
            h.norce.cancelLine(order.id(), 1);
            h.clock.advance(Duration.ofMinutes(1));
            h.runReversalsUntilSettled(20);
            io.jesync.admin.OrderAdminService admin = h.admin();
            assertThat(admin.reversals("se", "PARKED", null).path("count").asInt()).isEqualTo(1);

            h.economic.bookDraft(h.economic.documentsByReference("jetshop:se:" + order.orderNo()).get(0).number());
            assertThat(admin.retryReversal("se", order.orderNo(), 1))
                    .isEqualTo(io.jesync.admin.OrderAdminService.ResendOutcome.QUEUED);
            h.runReversalsUntilSettled(20);
            h.runReversalsUntilSettled(20);

            assertThat(creditNote(h, "jetshop:se:" + order.orderNo() + "/credit-1").path("grossAmount").decimalValue())
                    .isNegative();
            assertThat(admin.order("se", order.orderNo()).orElseThrow().path("reversals").get(0).path("state")
                    .asText()).isEqualTo("DONE");
            assertThat(admin.retryReversal("se", order.orderNo(), 1)).as("a done reversal is not retried")
                    .isEqualTo(io.jesync.admin.OrderAdminService.ResendOutcome.NOT_PARKED_OR_FAILED);
            assertThat(steps(h, order)).containsOnlyOnce("reversal-retry");
        }
    }

    @Test
    void policy_park_sends_nothing_and_says_a_person_is_needed() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of("shop.se.reversal.on-cancel",
                "park"))) {
            NorceModel.Order order = transferred(h, 7);
            cancelInShop(h, order);
            h.runReversalsUntilSettled(20);
            h.runReversalsOnce();

            assertThat(h.reversals().ledger().forOrder("se", order.orderNo())).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(ReversalState.PARKED);
                assertThat(r.row().reason()).contains("cancelled in the shop after its transfer: needs a person");
            });
            assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);
            assertThat(steps(h, order)).containsOnlyOnce("cancel-parked");
        }
    }

    @Test
    void policy_ignore_sends_nothing_and_records_it_once() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, Map.of("shop.se.reversal.on-cancel",
                "ignore"))) {
            NorceModel.Order order = transferred(h, 8);
            cancelInShop(h, order);
            h.runReversalsUntilSettled(20);
            h.runReversalsOnce();

            assertThat(h.reversals().ledger().forOrder("se", order.orderNo())).singleElement()
                    .satisfies(r -> assertThat(r.state()).isEqualTo(ReversalState.DONE));
            assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);
            assertThat(steps(h, order)).containsOnlyOnce("cancel-ignored");
        }
    }

    @Test
    void a_partial_delivery_sends_nothing() throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(Kind.H2, tempDir, BOOKED)) {
            NorceModel.Order order = transferred(h, 9);
            long callsBefore = h.economic.callsToday();
            h.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.PARTLY_DELIVERED.id());
            h.clock.advance(Duration.ofMinutes(1));

            assertThat(h.detectReversals()).isEmpty();
            h.runReversalsUntilSettled(5);

            assertThat(h.reversals().ledger().forOrder("se", order.orderNo())).isEmpty();
            assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo())).hasSize(1);
            assertThat(h.economic.callsToday()).as("not one e-conomic call").isEqualTo(callsBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_between_detection_and_sending_gives_one_credit_note(Kind kind) throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(kind, tempDir, BOOKED)) {
            NorceModel.Order order = transferred(h, 10);
            cancelInShop(h, order);
            assertThat(h.detectReversals()).hasSize(1);

            h.restartReversals();
            h.runReversalsUntilSettled(20);
            h.restartReversals();
            h.runReversalsOnce();

            assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo() + "/credit-1")).hasSize(1);
            assertThat(h.reversals().ledger().forOrder("se", order.orderNo())).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void under_5xx_429_resets_and_lost_responses_no_reversal_is_lost_and_none_repeated(Kind kind) throws Exception {
        try (OrderFlowHarness h = new OrderFlowHarness(kind, tempDir, BOOKED)) {
            List<NorceModel.Order> orders = new ArrayList<>();
            for (int seed = 100; orders.size() < 24; seed++) {
                orders.add(h.placeOrder(seed));
            }
            h.runUntilSettled(30);
            h.economic.faults().configure(41L, List.of(FaultRule.none("")
                    .withServerError(0.10).withRateLimited(0.05, 2).withConnectionReset(0.03).withLostResponse(0.08)));
            for (int i = 0; i < orders.size(); i++) {
                NorceModel.Order order = orders.get(i);
                if (i % 2 == 0) {
                    h.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CANCELLED.id());
                } else {
                    h.norce.cancelLine(order.id(), 1);
                }
            }
            h.clock.advance(Duration.ofMinutes(1));

            h.runReversalsUntilSettled(80);
            h.runReversalsOnce();

            for (NorceModel.Order order : orders) {
                List<ReversalEntry> reversals = h.reversals().ledger().forOrder("se", order.orderNo());
                assertThat(reversals).as(order.orderNo()).singleElement()
                        .satisfies(r -> assertThat(r.state()).isEqualTo(ReversalState.DONE));
                assertThat(h.economic.documentsByReference("jetshop:se:" + order.orderNo() + "/credit-1"))
                        .as("one credit note for " + order.orderNo()).singleElement()
                        .satisfies(d -> assertThat(d.collection()).isEqualTo("invoices/booked"));
            }
            assertThat(h.economic.faults().injectedCounts()).containsKeys(Fault.SERVER_ERROR, Fault.LOST_RESPONSE);
        }
    }

    private static NorceModel.Order transferred(OrderFlowHarness h, long seed) throws Exception {
        return transferred(h, seed, o -> true);
    }

    /** The first generated order from {@code seed} on that fits, transferred and acknowledged. */
    private static NorceModel.Order transferred(OrderFlowHarness h, long seed,
                                                java.util.function.Predicate<NorceModel.Order> fits) throws Exception {
        NorceModel.Order order = h.placeOrder(seed);
        while (!fits.test(order)) {
            h.norce.vanishOrder(order.id());
            order = h.placeOrder(++seed);
        }
        h.runUntilSettled(10);
        LedgerEntry entry = h.assembly.ledger().find("se", order.orderNo()).orElseThrow();
        assertThat(entry.state()).as(entry.row().reason()).isEqualTo(io.jesync.order.OrderState.ACKNOWLEDGED);
        h.clock.advance(Duration.ofMinutes(1));
        return h.norce.store().order(order.id()).orElseThrow();
    }

    private static void cancelInShop(OrderFlowHarness h, NorceModel.Order order) {
        h.norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CANCELLED.id());
        h.clock.advance(Duration.ofMinutes(1));
    }

    private static List<String> steps(OrderFlowHarness h, NorceModel.Order order) {
        return h.assembly.ledger().events("se", order.orderNo()).stream().map(OrderEvent::step).toList();
    }

    private static ObjectNode creditNote(OrderFlowHarness h, String reference) {
        DocumentView view = h.economic.documentsByReference(reference).stream().collect(Collectors.collectingAndThen(
                Collectors.toList(), l -> {
                    assertThat(l).as(reference).hasSize(1);
                    return l.get(0);
                }));
        assertThat(view.collection()).isEqualTo("invoices/booked");
        return h.economic.document(view.collection(), view.number()).orElseThrow();
    }

    private static List<String> lines(JsonNode document) {
        List<String> lines = new ArrayList<>();
        document.path("lines").forEach(l -> lines.add(l.path("product").path("productNumber").asText() + " "
                + plain(l.path("quantity").decimalValue())));
        return lines;
    }

    private static BigDecimal lineNet(JsonNode invoiceLine, BigDecimal quantity) {
        BigDecimal discount = invoiceLine.path("discountPercentage").decimalValue();
        return invoiceLine.path("unitNetPrice").decimalValue().multiply(quantity)
                .multiply(BigDecimal.ONE.subtract(discount.movePointLeft(2))).setScale(2, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

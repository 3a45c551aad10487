package io.jesync.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.Fault;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.norce.NorceModel.OrderStatus;
import io.jesync.simulator.norce.NorceModel.WriteBackKind;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

import static io.jesync.status.StatusFlowRoundTripTest.transferred;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's write-back API failing under load: seeded 5xx, 429 and answers lost after Norce stored the write.
 * No action is lost, none is repeated: one delivery note and one invoice per delivered order, one cancellation
 * per cancelled order, every status final.
 */
class StatusFlowFaultsTest {
    private static final int ORDERS = 24;
    private static final int MAX_RUNS = 200;

    @TempDir
    Path tempDir;

    @Test
    void write_back_faults_lose_no_action_and_repeat_none() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.status.on.invoice-booked", "status:Invoiced"))) {
            List<StatusFlowRoundTripTest.Transferred> orders = transferred(harness, ORDERS);
            ScriptedEvents events = new ScriptedEvents();
            for (int i = 0; i < ORDERS; i++) {
                StatusFlowRoundTripTest.Transferred order = orders.get(i);
                if (i % 6 == 5) {
                    events.add(order.event(StatusEventType.DOCUMENT_DELETED, order.documentNumber(), null));
                } else {
                    events.add(order.event(StatusEventType.ORDER_SENT, order.documentNumber(), "{}"));
                    if (i % 2 == 0) {
                        events.add(order.event(StatusEventType.INVOICE_BOOKED, 20_000 + i, "{}"));
                    }
                }
            }
            harness.norce.faults().configure(2026L, List.of(FaultRule.none("POST /commerce/connect/4.0/Order/")
                    .withServerError(0.12).withUnavailable(0.05).withRateLimited(0.10, 3).withLostResponse(0.15)));
            StatusFlowAssembly status = harness.statusFlow(events);

            int runs = 0;
            while (open(status, orders) > 0) {
                assertThat(++runs).as("runs until every action settled").isLessThanOrEqualTo(MAX_RUNS);
                status.flow().poll("se");
                harness.clock.advance(Duration.ofMinutes(1));
            }

            for (int i = 0; i < ORDERS; i++) {
                StatusFlowRoundTripTest.Transferred order = orders.get(i);
                List<StatusActionEntry> actions = status.ledger().actionsOf("se", order.orderNo());
                assertThat(actions).as("order " + order.orderNo()).extracting(StatusActionEntry::state)
                        .containsOnly(ActionState.DONE);
                if (i % 6 == 5) {
                    assertThat(order.writeBacks(harness, WriteBackKind.CANCEL_ORDER)).hasSize(1);
                    assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.CANCELLED.id());
                    assertThat(order.now(harness).reservationCancelled()).as("Query shows no PaymentRef").isFalse();
                } else {
                    assertThat(order.writeBacks(harness, WriteBackKind.DELIVERY_NOTE)).as("one note for "
                            + order.orderNo()).hasSize(1);
                    assertThat(order.writeBacks(harness, WriteBackKind.INVOICE)).as("one invoice for "
                            + order.orderNo()).hasSize(1);
                    assertThat(order.now(harness).capturedAmount()).isEqualByComparingTo(order.placed()
                            .totalIncVat());
                    assertThat(order.now(harness).statusId()).isEqualTo(OrderStatus.INVOICED.id());
                }
            }
            assertThat(harness.norce.faults().injectedCounts()).as("the faults really happened")
                    .containsKeys(Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.RATE_LIMITED, Fault.LOST_RESPONSE);
            assertThat(orders.stream().flatMap(o -> o.timeline(harness, "status-action").stream()))
                    .as("a retry after a lost answer found the note or invoice already there")
                    .anyMatch(line -> line.contains("was already there"));
            assertThat(harness.assembly.ledger().events("se", orders.get(0).orderNo()).stream()
                    .filter(e -> e.step().equals("status-event"))).hasSize(2);
        }
    }

    private static long open(StatusFlowAssembly status, List<StatusFlowRoundTripTest.Transferred> orders) {
        long open = orders.stream().flatMap(o -> status.ledger().actionsOf("se", o.orderNo()).stream())
                .filter(a -> a.state().open()).count();
        boolean recorded = orders.stream().allMatch(o -> !status.ledger().actionsOf("se", o.orderNo()).isEmpty());
        return recorded ? open : Long.MAX_VALUE;
    }
}

package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.FaultRule;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * R16, a sustained outage: 20 orders wait while e-conomic answers 503 to everything for 15 minutes, the order poll
 * running every 30 s on the simulators' clock. Some of the orders' sends were in doubt when the outage began, so
 * their retries start with a look-up by reference. Every call any retry makes goes through the client's one circuit,
 * so the outage costs at most one call per back-off cap (30 s); no order gives up; the backlog is out within 5
 * minutes of e-conomic's return, each order with exactly one document.
 */
class EconomicOutageTest {
    private static final int ORDERS = 20;
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final Duration OUTAGE = Duration.ofMinutes(15);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);
    private static final Duration CAP = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @Test
    void a_fifteen_minute_503_outage_costs_at_most_one_call_per_back_off_cap_and_the_backlog_drains_after_it()
            throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            List<String> orderNos = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orderNos.add(harness.placeOrder(1600 + i).orderNo());
            }
            List<RecordedRequest> calls = Collections.synchronizedList(new ArrayList<>());
            harness.economic.addRequestListener(calls::add);

            // The first sends are stored by e-conomic but their answers are lost: those orders are in doubt.
            harness.economic.faults().configure(5L, List.of(FaultRule.none("POST /invoices/drafts")
                    .withLostResponse(1.0)));
            harness.runOnce();
            List<String> inDoubt = ledger(harness).values().stream().filter(e -> e.state() == OrderState.IN_DOUBT)
                    .map(LedgerEntry::orderNo).toList();
            assertThat(inDoubt).as("orders whose send is in doubt when the outage begins").isNotEmpty();

            harness.economic.faults().configure(5L, List.of(FaultRule.none("").withUnavailable(1.0)));
            Instant outageStart = harness.clock.instant();
            calls.clear();
            List<OrderTransfer.Outcome> outcomes = new ArrayList<>();
            while (harness.clock.instant().isBefore(outageStart.plus(OUTAGE))) {
                harness.clock.advance(POLL);
                outcomes.addAll(harness.runOnce());
            }
            Instant outageEnd = harness.clock.instant();
            List<Instant> during = calls.stream().map(RecordedRequest::receivedAt).sorted().toList();
            harness.economic.faults().clear();

            int runs = 0;
            while (harness.unsettled() > 0 && runs < DRAIN_LIMIT.dividedBy(POLL)) {
                harness.clock.advance(POLL);
                outcomes.addAll(harness.runOnce());
                runs++;
            }
            Duration drained = Duration.between(outageEnd, harness.clock.instant());

            long minutes = OUTAGE.toMinutes();
            int busiest = busiestMinuteAfter(during, outageStart.plus(Duration.ofMinutes(2)));
            System.out.printf("outage: %d e-conomic calls in %d min of 503 with %d orders waiting (%d in doubt),"
                    + " busiest minute after the first two %d, backlog drained %d s after recovery%n", during.size(),
                    minutes, ORDERS, inDoubt.size(), busiest, drained.toSeconds());
            // One call per cap, plus the calls that open the circuit and the shorter first intervals (5, 10, 20 s).
            assertThat(during.size()).as("e-conomic calls during the outage").isLessThanOrEqualTo(
                    (int) (OUTAGE.toSeconds() / CAP.toSeconds()) + 5 + 3);
            assertThat(busiest).as("calls in any minute once the interval reached its cap").isLessThanOrEqualTo(2);
            assertThat(outcomes).as("no order gave up or was parked").doesNotContain(OrderTransfer.Outcome.GAVE_UP,
                    OrderTransfer.Outcome.PARKED);
            assertThat(harness.unsettled()).as("orders still waiting after " + drained.toSeconds() + " s").isZero();
            assertThat(drained).as("backlog drained after recovery").isLessThanOrEqualTo(DRAIN_LIMIT);

            Map<String, LedgerEntry> ledger = ledger(harness);
            assertThat(orderNos).allSatisfy(no -> assertThat(ledger.get(no).state()).isEqualTo(OrderState.ACKNOWLEDGED));
            Map<String, Long> documents = harness.economic.documents().values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                            Collectors.counting()));
            Set<String> expected = orderNos.stream().map(no -> "jetshop:se:" + no).collect(Collectors.toSet());
            assertThat(documents.keySet()).as("no order lost, no stranger created").isEqualTo(expected);
            assertThat(documents.values()).as("no order twice").allMatch(count -> count == 1);
            assertThat(inDoubt).as("in-doubt orders adopted their document, none sent again").allSatisfy(no ->
                    assertThat(harness.assembly.ledger().events("se", no)).anyMatch(e -> e.step().equals("adopted")));
            harness.schemaCheck.assertNoViolations();
        }
    }

    /** The most calls in any 60 s window starting at a call at or after {@code from}. */
    private static int busiestMinuteAfter(List<Instant> calls, Instant from) {
        int busiest = 0;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).isBefore(from)) {
                continue;
            }
            Instant end = calls.get(i).plus(Duration.ofMinutes(1));
            int n = 0;
            for (int j = i; j < calls.size() && calls.get(j).isBefore(end); j++) {
                n++;
            }
            busiest = Math.max(busiest, n);
        }
        return busiest;
    }

    private static Map<String, LedgerEntry> ledger(OrderFlowHarness harness) {
        return harness.assembly.ledger().list("se", null, 1_000).stream()
                .collect(Collectors.toMap(LedgerEntry::orderNo, Function.identity()));
    }
}

package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * R17, clock skew: the order poll's watermark comes from the shop's own change times and is re-read with an overlap,
 * so a clock that jumps back inside the overlap (an order stamped before the watermark) or forward by hours misses
 * no order. A jump back larger than the overlap is the limit: the poll does not see that order, which is why the
 * overlap is a setting.
 */
class ClockSkewTest {
    @TempDir
    Path tempDir;

    @Test
    void a_clock_that_jumps_back_within_the_overlap_or_forward_by_hours_misses_no_order() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir, Map.of())) {
            NorceModel.Order first = harness.placeOrder(1);
            harness.runUntilSettled(20);
            harness.clock.advance(Duration.ofMinutes(-5));
            NorceModel.Order back = harness.placeOrder(2);
            harness.runUntilSettled(20);
            harness.clock.advance(Duration.ofHours(6));
            NorceModel.Order forward = harness.placeOrder(3);
            harness.runUntilSettled(20);

            assertThat(back.created()).as("stamped before the order the watermark came from")
                    .isBefore(first.created());
            assertThat(documentsByReference(harness)).containsOnlyKeys(reference(first), reference(back),
                    reference(forward)).allSatisfy((reference, count) -> assertThat(count).isEqualTo(1));
        }
    }

    @Test
    void a_jump_back_beyond_the_overlap_is_not_seen_by_the_poll() throws Exception {
        try (OrderFlowHarness harness = new OrderFlowHarness(Kind.H2, tempDir,
                Map.of("shop.se.orders.overlap-minutes", "2"))) {
            NorceModel.Order first = harness.placeOrder(1);
            harness.runUntilSettled(20);
            harness.clock.advance(Duration.ofMinutes(-5));
            harness.placeOrder(2);
            harness.runUntilSettled(20);

            assertThat(documentsByReference(harness)).containsOnlyKeys(reference(first));
        }
    }

    private static Map<String, Long> documentsByReference(OrderFlowHarness harness) {
        return harness.economic.documents().values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                        Collectors.counting()));
    }

    private static String reference(NorceModel.Order order) {
        return "jetshop:se:" + order.orderNo();
    }
}

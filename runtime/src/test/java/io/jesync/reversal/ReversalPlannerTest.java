package io.jesync.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;
import io.jesync.shop.ShopOrderLine.Kind;

class ReversalPlannerTest {
    private static final ShopOrderLine COFFEE = line(1, "KAF-001", "3", "79.20", "7.20");
    private static final ShopOrderLine CUP = line(2, "POR-010", "1", "119.20", "0");
    private static final ShopOrder TRANSFERRED = order(2, List.of(COFFEE, CUP));

    @Test
    void a_lower_quantity_refunds_the_difference_with_its_share_of_the_line_discount() {
        ShopOrder now = order(2, List.of(line(1, "KAF-001", "1", "79.20", "2.40"), CUP));

        ReversalPlanner.Change change = ReversalPlanner.plan(TRANSFERRED, now, Set.of(), List.of(), false)
                .orElseThrow();

        assertThat(change.kind()).isEqualTo(ReversalKind.REFUND);
        assertThat(change.lines()).singleElement().satisfies(l -> {
            assertThat(l.lineNumber()).isEqualTo(1);
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.netAmount()).isEqualByComparingTo("153.60");
        });
    }

    @Test
    void a_cancelled_or_vanished_line_is_refunded_in_full_minus_what_was_taken_back_before() {
        ReversedLine earlier = new ReversedLine(1, Kind.PRODUCT, "KAF-001", null, new BigDecimal("2"),
                new BigDecimal("153.60"));

        ReversalPlanner.Change change = ReversalPlanner.plan(TRANSFERRED, order(2, List.of(COFFEE)), Set.of(1),
                List.of(earlier), false).orElseThrow();

        assertThat(change.lines()).extracting(ReversedLine::lineNumber, l -> l.quantity().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "1"),
                        org.assertj.core.groups.Tuple.tuple(2, "1"));
    }

    @Test
    void partly_delivered_with_unchanged_lines_and_lines_that_grew_ask_for_nothing() {
        assertThat(ReversalPlanner.plan(TRANSFERRED, order(8, List.of(COFFEE, CUP)), Set.of(), List.of(), false))
                .isEmpty();
        assertThat(ReversalPlanner.plan(TRANSFERRED, order(2, List.of(line(1, "KAF-001", "5", "79.20", "12.00"),
                CUP)), Set.of(), List.of(), false)).isEmpty();
    }

    @Test
    void a_cancelled_order_takes_back_what_is_left_once() {
        Optional<ReversalPlanner.Change> cancel = ReversalPlanner.plan(TRANSFERRED, order(6, List.of(COFFEE, CUP)),
                Set.of(), List.of(), false);

        assertThat(cancel.orElseThrow().kind()).isEqualTo(ReversalKind.CANCEL);
        assertThat(cancel.get().lines()).hasSize(2);
        assertThat(ReversalPlanner.plan(TRANSFERRED, order(6, List.of(COFFEE, CUP)), Set.of(), cancel.get().lines(),
                true)).isEmpty();
    }

    private static ShopOrderLine line(int number, String article, String qty, String price, String discount) {
        return new ShopOrderLine(number, Kind.PRODUCT, article, article, new BigDecimal(qty), new BigDecimal(price),
                new BigDecimal(discount), new BigDecimal("25"));
    }

    private static ShopOrder order(int status, List<ShopOrderLine> lines) {
        return new ShopOrder("se", "1001", 1L, 1001, status, Instant.EPOCH, Instant.EPOCH, "SEK", null, null, lines,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null);
    }
}

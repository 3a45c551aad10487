package io.jesync.reversal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.jesync.shop.ShopOrder;
import io.jesync.shop.ShopOrderLine;

/**
 * Decides what a transferred order's change in the shop asks of e-conomic, comparing the order as transferred (the
 * ledger's snapshot) with the order now. Pure.
 *
 * <p>Norce Query has no refund object [GAP], so a refund or return is inferred from the lines [I]: a line whose
 * quantity went down is refunded by the difference; a line whose own status is Cancelled (6), or that is gone, is
 * refunded in full. What earlier reversals already took back is subtracted, so a second refund credits only the
 * new difference. An order in PartlyDelivered (8) with unchanged lines asks for nothing: delivery is not
 * invoicing. Lines that grew or were added are not reversals and are left alone.
 */
public final class ReversalPlanner {
    /** Norce's Cancelled, for orders (StatusId) and their lines alike. */
    public static final int CANCELLED = 6;

    private ReversalPlanner() {
    }

    /** What to record: the kind and the lines it takes back. */
    public record Change(ReversalKind kind, List<ReversedLine> lines) {
        public Change {
            lines = List.copyOf(lines);
        }
    }

    /**
     * @param cancelledLines line numbers whose own status is Cancelled in {@code current}
     * @param earlier        every line of the order's earlier reversals
     * @param cancelRecorded the order's cancellation was recorded already: nothing more to do
     */
    public static Optional<Change> plan(ShopOrder snapshot, ShopOrder current, Set<Integer> cancelledLines,
                                        List<ReversedLine> earlier, boolean cancelRecorded) {
        if (cancelRecorded) {
            return Optional.empty();
        }
        Map<Integer, BigDecimal> taken = new HashMap<>();
        for (ReversedLine line : earlier) {
            taken.merge(line.lineNumber(), line.quantity(), BigDecimal::add);
        }
        Map<Integer, ShopOrderLine> now = new HashMap<>();
        for (ShopOrderLine line : current.lines()) {
            now.put(line.lineNumber(), line);
        }
        boolean cancelled = current.statusId() == CANCELLED;
        List<ReversedLine> lines = new ArrayList<>();
        for (ShopOrderLine original : snapshot.lines()) {
            ShopOrderLine line = now.get(original.lineNumber());
            BigDecimal remaining = line == null || cancelled || cancelledLines.contains(original.lineNumber())
                    ? BigDecimal.ZERO : line.quantity();
            BigDecimal back = original.quantity().subtract(remaining.min(original.quantity()))
                    .subtract(taken.getOrDefault(original.lineNumber(), BigDecimal.ZERO));
            if (back.signum() > 0) {
                lines.add(new ReversedLine(original.lineNumber(), original.kind(), original.articleNumber(),
                        original.name(), plain(back),
                        original.lineTotalExVat().multiply(back)
                                .divide(original.quantity(), 2, RoundingMode.HALF_UP)));
            }
        }
        if (cancelled) {
            return Optional.of(new Change(ReversalKind.CANCEL, lines));
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(new Change(ReversalKind.REFUND, lines));
    }

    private static BigDecimal plain(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}

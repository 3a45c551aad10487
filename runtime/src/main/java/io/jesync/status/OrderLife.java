package io.jesync.status;

import java.util.Optional;

/**
 * Where a transferred order's life stands, read from what the status flow and the reversal flow both recorded, so
 * the two flows (and the console) agree on one answer. An order that was cancelled in the shop, credited, or whose
 * document was deleted in e-conomic has ended: nothing may move it forward in the shop again (no delivery note,
 * no capture, no Invoiced or Delivered status), whichever flow asks and in whatever order their runs happen.
 */
public final class OrderLife {
    private final StatusLedger status;
    private final CancellationRecords reversals;

    public OrderLife(StatusLedger status, CancellationRecords reversals) {
        this.status = status;
        this.reversals = reversals;
    }

    public enum Stage {
        /** Nothing has taken the order back. */
        OPEN,
        /** The shop cancelled it after its transfer; the reversal is still to do, parked or skipped. */
        CANCELLED_IN_SHOP,
        /** The shop cancelled it and its draft was deleted in e-conomic. */
        CANCELLED_AND_DELETED,
        /** The shop cancelled it and its booked invoice was credited in full. */
        CREDITED,
        /** Its document was deleted in e-conomic before it was booked, and the shop was told to cancel it. */
        DELETED_IN_ECONOMIC
    }

    /** @param why one sentence for the timeline and the console, naming the order's reversal or event */
    public record Standing(Stage stage, String why) {
        public boolean ended() {
            return stage != Stage.OPEN;
        }
    }

    public Standing of(String shopId, String orderNo) {
        Optional<CancellationRecords.Cancellation> cancel = reversals.cancellation(shopId, orderNo);
        if (cancel.isPresent()) {
            CancellationRecords.Cancellation c = cancel.get();
            String action = c.action() == null ? "" : c.action();
            if ("DONE".equals(c.state()) && action.startsWith("delete:")) {
                return new Standing(Stage.CANCELLED_AND_DELETED, "order " + orderNo + " was cancelled in the shop and"
                        + " its draft deleted in e-conomic (reversal " + c.seq() + ")");
            }
            if (action.equals("credit-note") && ("DONE".equals(c.state())
                    || "CREATED".equals(c.state()))) {
                return new Standing(Stage.CREDITED, "order " + orderNo + " was cancelled in the shop and credited in"
                        + " e-conomic" + (c.economicBookedNumber() == null ? "" : " (credit note "
                        + c.economicBookedNumber() + ")") + " (reversal " + c.seq() + ")");
            }
            return new Standing(Stage.CANCELLED_IN_SHOP, "order " + orderNo + " was cancelled in the shop after its"
                    + " transfer (reversal " + c.seq() + ", " + c.state().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
        if (status.hasEvent(shopId, orderNo, StatusEventType.DOCUMENT_DELETED)) {
            return new Standing(Stage.DELETED_IN_ECONOMIC, "the e-conomic document of order " + orderNo
                    + " was deleted before it was booked");
        }
        return new Standing(Stage.OPEN, "order " + orderNo + " is open");
    }

    /**
     * Whether {@code action} moves the order forward in the shop (delivers, captures, invoices): such an action has
     * no place in an ended order's life. Cancelling, and the statuses of credit notes and deletions, do.
     */
    public static boolean movesForward(ActionKind kind, StatusEventType event) {
        return switch (kind) {
            case DELIVERY_NOTE, CAPTURE -> true;
            case CANCEL -> false;
            case SET_STATUS -> switch (event) {
                case ORDER_SENT, ORDER_ARCHIVED, INVOICE_BOOKED, INVOICE_PAID -> true;
                case CREDIT_NOTE_BOOKED, DOCUMENT_DELETED -> false;
            };
        };
    }
}

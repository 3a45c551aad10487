package io.jesync.status;

import java.util.ArrayList;
import java.util.List;

import io.jesync.order.LedgerEntry;

/**
 * Turns one e-conomic event into the shop actions to take, from the shop's mapping and what the order already
 * had: a pure function. Delivery notes, captures and cancellations happen at most once per order, whichever event
 * asks for them; a capture after a cancellation, or a cancellation after a capture, is skipped with the reason.
 * Status actions carry the event's rank, which the executor compares before it sets a status.
 */
public final class StatusPlanner {
    private StatusPlanner() {
    }

    /**
     * @param configured the shop's actions for the event's type, in the configured order
     * @param earlier    every action already recorded for the order
     * @param erpOrderNo the number the order flow acknowledged the order with; note and invoice numbers derive
     *                   from it, so a retry repeats them and the shop can refuse a second one
     */
    public static List<PlannedAction> plan(StatusEvent event, List<ConfiguredAction> configured,
                                           List<StatusActionEntry> earlier, String erpOrderNo) {
        List<Prior> prior = new ArrayList<>();
        for (StatusActionEntry entry : earlier) {
            if (entry.state() != ActionState.SKIPPED) {
                prior.add(new Prior(entry.action(), entry.state(), entry.eventType()));
            }
        }
        int rank = event.type().rank();
        List<PlannedAction> planned = new ArrayList<>();
        for (ConfiguredAction action : configured) {
            PlannedAction next = switch (action.kind()) {
                case SET_STATUS -> pending(action.kind(), action.status(), rank);
                case DELIVERY_NOTE -> once(action.kind(), erpOrderNo + "-D1", rank, prior, ActionKind.CANCEL);
                case CAPTURE -> once(action.kind(), erpOrderNo + "-I1", rank, prior, ActionKind.CANCEL);
                case CANCEL -> once(action.kind(), "", rank, prior, ActionKind.CAPTURE);
            };
            planned.add(next);
            if (next.state() == ActionState.PENDING) {
                prior.add(new Prior(next.kind(), ActionState.PENDING, event.type()));
            }
        }
        return planned;
    }

    /**
     * The number the order flow acknowledged the order with (OrderTransfer's acknowledge step): the booked
     * invoice's when it booked one, else the draft's or order's.
     */
    public static String erpOrderNo(LedgerEntry entry) {
        Long number = entry.economicBookedNumber() != null ? entry.economicBookedNumber()
                : entry.economicDocumentNumber();
        return number == null ? entry.orderNo() : Long.toString(number);
    }

    /** The line the order's timeline shows for an event, e.g. "e-conomic: invoice 10023 booked". */
    public static String describe(StatusEvent event) {
        long n = event.documentNumber();
        return "e-conomic: " + switch (event.type()) {
            case ORDER_SENT -> "order " + n + " marked sent";
            case ORDER_ARCHIVED -> "order " + n + " archived (turned into an invoice)";
            case INVOICE_BOOKED -> "invoice " + n + " booked";
            case INVOICE_PAID -> "invoice " + n + " paid";
            case CREDIT_NOTE_BOOKED -> "credit note " + n + " booked";
            case DOCUMENT_DELETED -> "document " + n + " deleted before it was booked";
        };
    }

    /** "when the order was sent": when an earlier event made an action happen. */
    static String when(StatusEventType type) {
        return "when " + switch (type) {
            case ORDER_SENT -> "the order was sent";
            case ORDER_ARCHIVED -> "the order was archived";
            case INVOICE_BOOKED -> "the invoice was booked";
            case INVOICE_PAID -> "the invoice was paid";
            case CREDIT_NOTE_BOOKED -> "the credit note was booked";
            case DOCUMENT_DELETED -> "the document was deleted";
        };
    }

    private record Prior(ActionKind kind, ActionState state, StatusEventType eventType) {
    }

    private static PlannedAction pending(ActionKind kind, String argument, int rank) {
        return new PlannedAction(kind, argument, rank, ActionState.PENDING, null);
    }

    private static PlannedAction once(ActionKind kind, String argument, int rank, List<Prior> prior,
                                      ActionKind excludedBy) {
        for (Prior p : prior) {
            if (p.kind() == excludedBy) {
                String reason = excludedBy == ActionKind.CANCEL
                        ? "not " + done(kind) + ": the order was cancelled " + when(p.eventType())
                        : "not cancelled: the payment was captured " + when(p.eventType())
                        + "; refund it in the shop if the goods come back";
                return new PlannedAction(kind, argument, rank, ActionState.SKIPPED, reason);
            }
        }
        for (Prior p : prior) {
            if (p.kind() == kind) {
                String reason = p.state() == ActionState.DONE
                        ? "already " + done(kind) + " " + when(p.eventType())
                        : "already planned " + when(p.eventType()) + " (" + p.state().name().toLowerCase(java.util.Locale.ROOT) + ")";
                return new PlannedAction(kind, argument, rank, ActionState.SKIPPED, reason);
            }
        }
        return pending(kind, argument, rank);
    }

    private static String done(ActionKind kind) {
        return switch (kind) {
            case SET_STATUS -> "set";
            case DELIVERY_NOTE -> "given a delivery note";
            case CAPTURE -> "captured";
            case CANCEL -> "cancelled";
        };
    }
}

package io.jesync.admin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.status.OrderLife;
import io.jesync.status.StatusEventType;
import io.jesync.order.LedgerEntry;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalKind;
import io.jesync.status.StatusLedger;

/**
 * What became of an order, in one sentence a merchant reads first on the order page (cancelled in the shop,
 * credited, booked as invoice N, paid…), and every e-conomic document of it with its kind. A number never stands
 * alone: e-conomic numbers drafts apart from booked invoices and reuses a draft's number once the draft is booked or
 * deleted, so "11" may be two different orders' drafts.
 */
final class OrderOutcome {

    private OrderOutcome() {
    }

    static ObjectNode of(LedgerEntry entry, OrderLife.Standing standing, List<StatusLedger.SeenEvent> events,
                         List<ReversalEntry> reversals) {
        ObjectNode outcome = Json.MAPPER.createObjectNode();
        ArrayNode documents = outcome.putArray("documents");
        String created = entry.economicDocumentNumber() == null ? null
                : kindOf(entry.documentType()) + " " + entry.economicDocumentNumber();
        if (created != null) {
            documents.addObject().put("kind", kindOf(entry.documentType()))
                    .put("number", entry.economicDocumentNumber()).put("what", "created by the runtime");
        }
        Set<Long> booked = new LinkedHashSet<>();
        if (entry.economicBookedNumber() != null) {
            booked.add(entry.economicBookedNumber());
        }
        boolean paid = false;
        for (StatusLedger.SeenEvent event : events) {
            if (event.type() == StatusEventType.INVOICE_BOOKED) {
                booked.add(event.documentNumber());
            }
            paid |= event.type() == StatusEventType.INVOICE_PAID;
        }
        booked.forEach(number -> documents.addObject().put("kind", "booked invoice").put("number", number)
                .put("what", "booked in e-conomic"));
        List<String> credits = new java.util.ArrayList<>();
        for (ReversalEntry reversal : reversals) {
            String what = reversal.kind() == ReversalKind.CANCEL ? "for the cancellation" : "for returned lines";
            if (reversal.economicBookedNumber() != null) {
                documents.addObject().put("kind", "credit note").put("number", reversal.economicBookedNumber())
                        .put("what", what);
                credits.add("credit note " + reversal.economicBookedNumber());
            } else if (reversal.economicDraftNumber() != null) {
                documents.addObject().put("kind", "draft credit note").put("number", reversal.economicDraftNumber())
                        .put("what", what);
                credits.add("draft credit note " + reversal.economicDraftNumber());
            }
        }
        String invoice = booked.isEmpty() ? null : "invoice " + String.join(", ", booked.stream().map(String::valueOf)
                .toList());
        String headline;
        String tone = "ok";
        switch (entry.state()) {
            case PARKED -> {
                headline = "Parked: not in e-conomic; it waits for a person (the reason says what to fix).";
                tone = "bad";
            }
            case FAILED -> {
                headline = "Not in e-conomic yet: the last attempt failed; the flow tries again by itself.";
                tone = "warn";
            }
            case SKIPPED -> headline = "Skipped: an operator decided it is not sent to e-conomic.";
            case NEW, SENDING, IN_DOUBT -> {
                headline = "On its way to e-conomic.";
                tone = "warn";
            }
            default -> headline = switch (standing.stage()) {
                case CREDITED -> "Cancelled in the shop and credited in e-conomic"
                        + (credits.isEmpty() ? "" : " (" + String.join(", ", credits) + ")") + ".";
                case CANCELLED_AND_DELETED -> "Cancelled in the shop; its " + (created == null ? "draft" : created)
                        + " was deleted in e-conomic.";
                case CANCELLED_IN_SHOP -> "Cancelled in the shop; taking it back in e-conomic is still to do.";
                case DELETED_IN_ECONOMIC -> "Its " + (created == null ? "draft" : created) + " was deleted in"
                        + " e-conomic before it was booked; the shop was told to cancel it.";
                case OPEN -> (invoice != null ? "Booked as " + invoice + (paid ? ", paid" : "")
                        : "In e-conomic as " + created)
                        + (credits.isEmpty() ? "" : "; returned lines credited (" + String.join(", ", credits) + ")")
                        + ".";
            };
        }
        if (standing.ended() && "ok".equals(tone)) {
            tone = standing.stage() == OrderLife.Stage.CANCELLED_IN_SHOP ? "warn" : "ended";
        }
        outcome.put("headline", headline).put("tone", tone).put("paid", paid);
        return outcome;
    }

    /** "draft-invoice" as the ledger keeps it, in words: "draft invoice". */
    static String kindOf(String documentType) {
        return documentType == null ? "document" : documentType.replace('-', ' ');
    }
}

package io.jesync.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.status.ActionState;
import io.jesync.store.LedgerEntry;
import io.jesync.store.OrderEvent;
import io.jesync.store.OrderLedger;
import io.jesync.store.OrderState;
import io.jesync.store.ReversalEntry;
import io.jesync.store.ReversalLedger;
import io.jesync.store.ReversalState;
import io.jesync.store.StatusActionEntry;
import io.jesync.store.StatusLedger;

/**
 * What support staff ask about orders: which orders are in which state, one order's story (the transfer, the
 * status actions back to the shop, the reversals of shop cancellations and refunds), and the re-send of whatever
 * is parked. Payloads in the store are masked when written, so nothing here can show a secret.
 */
public final class OrderAdminService {
    private static final int MAX_LIST = 1000;
    private final OrderLedger ledger;
    private final StatusLedger statusLedger;
    private final ReversalLedger reversalLedger;
    private final ObjectMapper mapper = new ObjectMapper();

    public OrderAdminService(OrderLedger ledger, StatusLedger statusLedger, ReversalLedger reversalLedger) {
        this.ledger = ledger;
        this.statusLedger = statusLedger;
        this.reversalLedger = reversalLedger;
    }

    /** Orders newest first; {@code shop} and {@code state} may be null for all. */
    public ObjectNode list(String shop, String state, Integer limit) {
        OrderState wanted = state == null || state.isBlank() ? null : parseState(state);
        int max = limit == null ? 200 : Math.max(1, Math.min(limit, MAX_LIST));
        List<LedgerEntry> entries = ledger.list(blankToNull(shop), wanted, max);
        ObjectNode result = mapper.createObjectNode();
        ArrayNode orders = result.putArray("orders");
        entries.forEach(entry -> orders.add(summary(entry)));
        result.put("count", entries.size());
        return result;
    }

    public Optional<ObjectNode> order(String shop, String orderNo) {
        return ledger.find(shop, orderNo).map(entry -> {
            ObjectNode result = summary(entry);
            result.put("idempotencyKey", entry.idempotencyKey());
            result.put("referencesOther", entry.referencesOther());
            result.put("payloadHash", entry.payloadHash());
            putJson(result, "economicDocument", entry.payload());
            putJson(result, "shopOrder", entry.shopOrder());
            ArrayNode timeline = result.putArray("timeline");
            for (OrderEvent event : ledger.events(shop, orderNo)) {
                ObjectNode step = timeline.addObject();
                step.put("at", event.at().toString());
                step.put("step", event.step());
                step.put("detail", event.detail());
                if (event.httpStatus() != null) {
                    step.put("httpStatus", event.httpStatus());
                }
                step.put("requestId", event.requestId());
                if (event.attempt() != null) {
                    step.put("attempt", event.attempt());
                }
                putJson(step, "payload", event.payload());
            }
            ArrayNode actions = result.putArray("statusActions");
            statusLedger.actionsOf(shop, orderNo).forEach(action -> actions.add(statusAction(action)));
            ArrayNode reversals = result.putArray("reversals");
            reversalLedger.forOrder(shop, orderNo).forEach(reversal -> reversals.add(reversal(reversal)));
            return result;
        });
    }

    /** Status actions in one state (e.g. PARKED), for one shop or all. */
    public ObjectNode statusActions(String shop, String state, Integer limit) {
        ActionState wanted = parse(ActionState.class, state == null || state.isBlank() ? "PARKED" : state);
        List<StatusActionEntry> entries = statusLedger.inState(blankToNull(shop), wanted, max(limit));
        ObjectNode result = mapper.createObjectNode();
        ArrayNode list = result.putArray("statusActions");
        entries.forEach(action -> list.add(statusAction(action)));
        result.put("count", entries.size());
        return result;
    }

    /** Reversals in one state (e.g. PARKED), for one shop or all. */
    public ObjectNode reversals(String shop, String state, Integer limit) {
        ReversalState wanted = parse(ReversalState.class, state == null || state.isBlank() ? "PARKED" : state);
        List<ReversalEntry> entries = reversalLedger.inState(blankToNull(shop), wanted, max(limit));
        ObjectNode result = mapper.createObjectNode();
        ArrayNode list = result.putArray("reversals");
        entries.forEach(reversal -> list.add(reversal(reversal)));
        result.put("count", entries.size());
        return result;
    }

    /** Runs a parked status action again; the shop-side calls are idempotent, so nothing is done twice. */
    public ResendOutcome retryStatusAction(String shop, String orderNo, long actionId) {
        Optional<StatusActionEntry> action = statusLedger.find(actionId)
                .filter(a -> a.shopId().equals(shop) && a.orderNo().equals(orderNo));
        if (action.isEmpty()) {
            return ResendOutcome.UNKNOWN_ORDER;
        }
        if (statusLedger.requeueParked(actionId).isEmpty()) {
            return ResendOutcome.NOT_PARKED_OR_FAILED;
        }
        ledger.appendEvent(shop, orderNo, "status-action-retry", "An operator asked to run " + describe(action.get())
                + " again (it was parked: " + action.get().reason() + ")");
        return ResendOutcome.QUEUED;
    }

    /** Runs a parked or failed reversal again; it is looked up in e-conomic first when it may have been sent. */
    public ResendOutcome retryReversal(String shop, String orderNo, int seq) {
        Optional<ReversalEntry> reversal = reversalLedger.forOrder(shop, orderNo).stream()
                .filter(r -> r.seq() == seq).findFirst();
        if (reversal.isEmpty()) {
            return ResendOutcome.UNKNOWN_ORDER;
        }
        if (reversalLedger.requeue(shop, orderNo, seq).isEmpty()) {
            return ResendOutcome.NOT_PARKED_OR_FAILED;
        }
        ledger.appendEvent(shop, orderNo, "reversal-retry", "An operator asked to carry out "
                + reversal.get().kind().name().toLowerCase(Locale.ROOT) + " " + seq + " again (it was "
                + reversal.get().state() + ": " + reversal.get().reason() + ")");
        return ResendOutcome.QUEUED;
    }

    private ObjectNode statusAction(StatusActionEntry action) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", action.id());
        node.put("shop", action.shopId());
        node.put("orderNo", action.orderNo());
        node.put("event", action.eventType().key());
        node.put("eventDocumentNumber", action.eventDocumentNumber());
        node.put("action", describe(action));
        node.put("state", action.state().name());
        node.put("attempts", action.attempts());
        node.put("reason", action.reason());
        node.put("updatedAt", action.updatedAt().toString());
        return node;
    }

    private static String describe(StatusActionEntry action) {
        String kind = action.action().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return action.argument() == null || action.argument().isEmpty() ? kind : kind + " " + action.argument();
    }

    private ObjectNode reversal(ReversalEntry reversal) {
        ObjectNode node = mapper.createObjectNode();
        node.put("shop", reversal.shopId());
        node.put("orderNo", reversal.orderNo());
        node.put("seq", reversal.seq());
        node.put("kind", reversal.kind().name());
        node.put("state", reversal.state().name());
        node.put("action", reversal.action());
        node.put("referencesOther", reversal.referencesOther());
        if (reversal.economicDraftNumber() != null) {
            node.put("economicDraftNumber", reversal.economicDraftNumber());
        }
        if (reversal.economicBookedNumber() != null) {
            node.put("economicBookedNumber", reversal.economicBookedNumber());
        }
        putJson(node, "lines", reversal.lines());
        node.put("attempts", reversal.attempts());
        node.put("reason", reversal.reason());
        node.put("updatedAt", reversal.updatedAt().toString());
        return node;
    }

    private static int max(Integer limit) {
        return limit == null ? 200 : Math.max(1, Math.min(limit, MAX_LIST));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown state '" + name + "'; use one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * Re-sends a parked or failed order. Safe at any time: the flow looks the document up in e-conomic by its
     * reference before sending anything again.
     */
    public ResendOutcome resend(String shop, String orderNo) {
        Optional<LedgerEntry> entry = ledger.find(shop, orderNo);
        if (entry.isEmpty()) {
            return ResendOutcome.UNKNOWN_ORDER;
        }
        if (ledger.requeue(shop, orderNo).isEmpty()) {
            return ResendOutcome.NOT_PARKED_OR_FAILED;
        }
        ledger.appendEvent(shop, orderNo, "resend-requested", "An operator asked to send the order again (it was "
                + entry.get().state() + ": " + entry.get().reason() + ")");
        return ResendOutcome.QUEUED;
    }

    public enum ResendOutcome {
        QUEUED, UNKNOWN_ORDER, NOT_PARKED_OR_FAILED
    }

    private ObjectNode summary(LedgerEntry entry) {
        ObjectNode node = mapper.createObjectNode();
        node.put("shop", entry.shopId());
        node.put("orderNo", entry.orderNo());
        node.put("channel", entry.channel());
        node.put("state", entry.state().name());
        node.put("documentType", entry.documentType());
        if (entry.economicDocumentNumber() != null) {
            node.put("economicDocumentNumber", entry.economicDocumentNumber());
        }
        if (entry.economicBookedNumber() != null) {
            node.put("economicBookedNumber", entry.economicBookedNumber());
        }
        node.put("reason", entry.reason());
        node.put("attempts", entry.attempts());
        node.put("nextAttemptAt", entry.nextAttemptAt() == null ? null : entry.nextAttemptAt().toString());
        node.put("createdAt", entry.createdAt().toString());
        node.put("updatedAt", entry.updatedAt().toString());
        return node;
    }

    private void putJson(ObjectNode target, String field, String json) {
        if (json == null) {
            return;
        }
        try {
            target.set(field, mapper.readTree(json));
        } catch (java.io.IOException e) {
            target.put(field, json);
        }
    }

    private static OrderState parseState(String state) {
        try {
            return OrderState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state '" + state + "' is not one of " + List.of(OrderState.values()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

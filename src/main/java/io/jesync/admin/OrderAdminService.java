package io.jesync.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.store.LedgerEntry;
import io.jesync.store.OrderEvent;
import io.jesync.store.OrderLedger;
import io.jesync.store.OrderState;

/**
 * What support staff ask about orders: which orders are in which state, one order's story, and the re-send of
 * a parked or failed order. Payloads in the store are masked when written, so nothing here can show a secret.
 */
public final class OrderAdminService {
    private static final int MAX_LIST = 1000;
    private final OrderLedger ledger;
    private final ObjectMapper mapper = new ObjectMapper();

    public OrderAdminService(OrderLedger ledger) {
        this.ledger = ledger;
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
            return result;
        });
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

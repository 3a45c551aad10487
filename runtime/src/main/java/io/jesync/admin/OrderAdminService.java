package io.jesync.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.status.ActionState;
import io.jesync.status.OrderLife;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderEvent;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderQuery;
import io.jesync.order.OrderState;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalLedger;
import io.jesync.reversal.ReversalState;
import io.jesync.status.StatusActionEntry;
import io.jesync.status.StatusLedger;

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
    private final OrderLife life;
    private final ObjectMapper mapper = Json.MAPPER;
    private final java.time.Clock clock;
    private final java.util.function.Function<String, List<?>> economicLookup;

    public OrderAdminService(OrderLedger ledger, StatusLedger statusLedger, ReversalLedger reversalLedger) {
        this(ledger, statusLedger, reversalLedger, java.time.Clock.systemUTC(), reference -> List.of());
    }

    /** @param economicLookup finds e-conomic documents by {@code references.other}, so a skip never orphans one */
    public OrderAdminService(OrderLedger ledger, StatusLedger statusLedger, ReversalLedger reversalLedger,
                             java.time.Clock clock, java.util.function.Function<String, List<?>> economicLookup) {
        this.clock = clock;
        this.economicLookup = economicLookup;
        this.ledger = ledger;
        this.statusLedger = statusLedger;
        this.reversalLedger = reversalLedger;
        this.life = new OrderLife(statusLedger, reversalLedger);
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
            OrderLife.Standing standing = life.of(shop, orderNo);
            result.put("life", standing.stage().name());
            result.put("lifeDetail", standing.why());
            result.set("outcome", OrderOutcome.of(entry, standing, statusLedger.eventsOf(shop, orderNo),
                    reversalLedger.forOrder(shop, orderNo)));
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
            statusLedger.actionsOf(shop, orderNo).forEach(action -> actions.add(statusAction(action, standing)));
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
        entries.forEach(action -> list.add(statusAction(action, life.of(action.shopId(), action.orderNo()))));
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

    /**
     * Runs a parked status action again. The answer says what that does in the shop; an action that would move an
     * order forward whose life has ended (cancelled, credited, deleted) is skipped by the executor, not carried out.
     */
    public ActionAnswer retryStatusAction(String shop, String orderNo, long actionId) {
        Optional<StatusActionEntry> action = statusLedger.find(actionId)
                .filter(a -> a.shopId().equals(shop) && a.orderNo().equals(orderNo));
        if (action.isEmpty()) {
            return new ActionAnswer(404, "No status action " + actionId + " on order " + orderNo + " of shop " + shop);
        }
        if (statusLedger.requeueParked(actionId).isEmpty()) {
            return new ActionAnswer(409, "Status action " + actionId + " is " + action.get().state()
                    + "; only parked actions can be run again.");
        }
        String will = retryWill(action.get(), life.of(shop, orderNo));
        ledger.appendEvent(shop, orderNo, "status-action-retry", "An operator asked to run " + describe(action.get())
                + " again (it was parked: " + action.get().reason() + "). " + will);
        return new ActionAnswer(202, "Status action " + actionId + " of order " + orderNo + " will run again. " + will);
    }

    /** Settles a parked or failed status action without carrying it out; the reason goes on the order's timeline. */
    public ActionAnswer skipStatusAction(String shop, String orderNo, long actionId, String reason) {
        String why = reason("skip", reason, "a status action");
        Optional<StatusActionEntry> action = statusLedger.find(actionId)
                .filter(a -> a.shopId().equals(shop) && a.orderNo().equals(orderNo));
        if (action.isEmpty()) {
            return new ActionAnswer(404, "No status action " + actionId + " on order " + orderNo + " of shop " + shop);
        }
        if (statusLedger.skip(actionId, "Skipped by an operator: " + why).isEmpty()) {
            return new ActionAnswer(409, "Status action " + actionId + " is " + action.get().state()
                    + "; only a parked or failed action that is not running can be skipped.");
        }
        ledger.appendEvent(shop, orderNo, "status-action-skipped", "An operator skipped " + describe(action.get())
                + " (it was " + action.get().state() + ": " + action.get().reason() + "): " + why);
        return new ActionAnswer(200, "Status action " + actionId + " of order " + orderNo + " is skipped; nothing is"
                + " done in the shop for it.");
    }

    /** Settles a parked or failed reversal without carrying it out; e-conomic is left as it is. */
    public ActionAnswer skipReversal(String shop, String orderNo, int seq, String reason) {
        String why = reason("skip", reason, "a reversal");
        Optional<ReversalEntry> reversal = reversalLedger.forOrder(shop, orderNo).stream()
                .filter(r -> r.seq() == seq).findFirst();
        if (reversal.isEmpty()) {
            return new ActionAnswer(404, "No reversal " + seq + " on order " + orderNo + " of shop " + shop);
        }
        if (reversalLedger.skip(shop, orderNo, seq, "Skipped by an operator: " + why).isEmpty()) {
            return new ActionAnswer(409, "Reversal " + seq + " is " + reversal.get().state() + "; only a parked or"
                    + " failed reversal that is not running can be skipped (one in doubt is looked up first: retry"
                    + " it).");
        }
        ledger.appendEvent(shop, orderNo, "reversal-skipped", "An operator skipped "
                + reversal.get().kind().name().toLowerCase(Locale.ROOT) + " " + seq + " (it was "
                + reversal.get().state() + ": " + reversal.get().row().reason() + "): " + why);
        return new ActionAnswer(200, "Reversal " + seq + " of order " + orderNo + " is skipped; nothing is changed in"
                + " e-conomic for it.");
    }

    /** What running {@code action} now does in the shop, in one sentence an operator can act on. */
    static String retryWill(StatusActionEntry action, OrderLife.Standing standing) {
        if (standing.ended() && OrderLife.movesForward(action.action(), action.eventType())) {
            return "Nothing will be done in the shop: " + standing.why() + ", so the action is skipped when it runs.";
        }
        String erp = action.argument();
        return switch (action.action()) {
            case SET_STATUS -> "The shop order's status will be set to " + erp + ".";
            case DELIVERY_NOTE -> "Delivery note " + erp + " will be created in the shop for the order's lines (the"
                    + " shop then shows the order as delivered); asked again with the same number, the shop answers"
                    + " that it is already there.";
            case CAPTURE -> "Invoice " + erp + " will be created in the shop and the order's payment captured; asked"
                    + " again with the same number, the shop answers that it is already there.";
            case CANCEL -> "The shop order will be cancelled (and its payment reservation released when"
                    + " cancel-payment is on).";
        };
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
                + reversal.get().state() + ": " + reversal.get().row().reason() + ")");
        return ResendOutcome.QUEUED;
    }

    private ObjectNode statusAction(StatusActionEntry action, OrderLife.Standing standing) {
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
        if (action.state() == ActionState.PARKED || action.state() == ActionState.FAILED) {
            node.put("retryWill", retryWill(action, standing));
        }
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
        node.put("attempts", reversal.row().attempts());
        node.put("reason", reversal.row().reason());
        node.put("updatedAt", reversal.row().updatedAt().toString());
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
                + entry.get().state() + ": " + entry.get().row().reason() + ")");
        return ResendOutcome.QUEUED;
    }

    public enum ResendOutcome {
        QUEUED, UNKNOWN_ORDER, NOT_PARKED_OR_FAILED
    }

    /** How an operator's action went, as the HTTP status and the sentence the API answers with. */
    public record ActionAnswer(int status, String message) {
    }

    /**
     * Orders matching support's filters, newest first. {@code from}/{@code to} are days ({@code 2025-03-01}, UTC) or
     * instants; {@code to} is exclusive.
     */
    public ObjectNode search(String shop, String channel, String state, String from, String to, String text,
                             Integer limit, Integer offset) {
        OrderQuery query = new OrderQuery(blankToNull(shop), blankToNull(channel),
                state == null || state.isBlank() ? null : parseState(state), instant("from", from),
                instant("to", to), blankToNull(text == null ? null : text.strip()), max(limit),
                offset == null ? 0 : Math.max(0, offset));
        List<LedgerEntry> entries = ledger.search(query);
        ObjectNode result = mapper.createObjectNode();
        ArrayNode orders = result.putArray("orders");
        entries.forEach(entry -> orders.add(summary(entry)));
        result.put("count", entries.size());
        result.put("offset", query.offset());
        return result;
    }

    /** Stops the flow from retrying an order until someone re-sends or unparks it. */
    public ActionAnswer park(String shop, String orderNo, String reason) {
        String why = reason("park", reason);
        Optional<LedgerEntry> entry = ledger.find(shop, orderNo);
        if (entry.isEmpty()) {
            return new ActionAnswer(404, "No order " + orderNo + " in shop " + shop);
        }
        if (ledger.park(shop, orderNo, "Parked by an operator: " + why).isEmpty()) {
            return new ActionAnswer(409, "Order " + orderNo + " is " + entry.get().state() + busy(entry.get())
                    + "; only an order waiting to be sent (NEW, IN_DOUBT or FAILED) can be parked.");
        }
        ledger.appendEvent(shop, orderNo, "operator-parked", "An operator parked the order (it was "
                + entry.get().state() + "): " + why);
        return new ActionAnswer(200, "Order " + orderNo + " is parked; it will not be sent until it is re-sent or"
                + " unparked.");
    }

    /** Hands a parked or skipped order back to the flow, which looks it up in e-conomic before sending anything. */
    public ActionAnswer unpark(String shop, String orderNo) {
        Optional<LedgerEntry> entry = ledger.find(shop, orderNo);
        if (entry.isEmpty()) {
            return new ActionAnswer(404, "No order " + orderNo + " in shop " + shop);
        }
        if (ledger.requeue(shop, orderNo, OrderState.PARKED, OrderState.SKIPPED).isEmpty()) {
            return new ActionAnswer(409, "Order " + orderNo + " is " + entry.get().state()
                    + "; only parked or skipped orders can be unparked.");
        }
        ledger.appendEvent(shop, orderNo, "operator-unparked", "An operator handed the order back to the flow (it was "
                + entry.get().state() + ": " + entry.get().row().reason() + ")");
        return new ActionAnswer(202, "Order " + orderNo + " is back in the flow and will be sent at its next run;"
                + " it is looked up in e-conomic first, so it cannot be created twice.");
    }

    /** Marks an order as never to be sent; the reason stays on the order. */
    public ActionAnswer skip(String shop, String orderNo, String reason) {
        String why = reason("skip", reason);
        Optional<LedgerEntry> entry = ledger.find(shop, orderNo);
        if (entry.isEmpty()) {
            return new ActionAnswer(404, "No order " + orderNo + " in shop " + shop);
        }
        // A parked order may have been parked while its send was in doubt: only e-conomic can say it has no document.
        if (entry.get().referencesOther() != null && entry.get().state() != OrderState.IN_DOUBT
                && !economicLookup.apply(entry.get().referencesOther()).isEmpty()) {
            return new ActionAnswer(409, "Order " + orderNo + " has a document in e-conomic (reference "
                    + entry.get().referencesOther() + "); re-send it so the flow adopts that document, instead of"
                    + " skipping it.");
        }
        if (ledger.skip(shop, orderNo, "Skipped by an operator: " + why).isEmpty()) {
            String state = entry.get().state().name();
            return new ActionAnswer(409, "Order " + orderNo + " is " + state + busy(entry.get()) + "; "
                    + (entry.get().state() == OrderState.IN_DOUBT ? "it may already be in e-conomic: re-send it"
                    + " first (the flow looks it up) or park it" : "only an order that is not in e-conomic (NEW,"
                    + " FAILED or PARKED) can be skipped") + ".");
        }
        ledger.appendEvent(shop, orderNo, "operator-skipped", "An operator decided the order is not to be sent (it"
                + " was " + entry.get().state() + "): " + why);
        return new ActionAnswer(200, "Order " + orderNo + " is skipped and will not be sent.");
    }

    /** Enters a shop order the flow never read (a reconciliation finding) so the next run reads and sends it. */
    public ActionAnswer importOrder(String shop, String orderNo, String channel, long platformOrderId) {
        if (!ledger.register(shop, orderNo, channel, platformOrderId)) {
            return new ActionAnswer(409, "Order " + orderNo + " is in the ledger already ("
                    + ledger.find(shop, orderNo).map(e -> e.state().name()).orElse("?") + ")");
        }
        ledger.appendEvent(shop, orderNo, "operator-imported", "An operator imported the order (shop id "
                + platformOrderId + ", channel " + channel + ") after a reconciliation found it missing");
        return new ActionAnswer(202, "Order " + orderNo + " is imported; the next run reads it from the shop and"
                + " sends it.");
    }

    private String busy(LedgerEntry entry) {
        return entry.row().claimedUntil() != null && entry.row().claimedUntil().isAfter(clock.instant())
                ? " and a worker is sending it right now" : "";
    }

    private static String reason(String action, String reason) {
        return reason(action, reason, "an order");
    }

    private static String reason(String action, String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required to " + action + " " + what
                    + " ({\"reason\": \"...\"})");
        }
        String trimmed = reason.strip();
        if (trimmed.length() > 1000) {
            throw new IllegalArgumentException("the reason is longer than 1000 characters");
        }
        return trimmed;
    }

    private static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant() : java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is neither a day (2025-03-01) nor an instant"
                    + " (2025-03-01T12:00:00Z)");
        }
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
            // Kind and number together: e-conomic reuses draft numbers, so a bare number names no document.
            node.put("economicDocumentLabel", OrderOutcome.kindOf(entry.documentType()) + " "
                    + entry.economicDocumentNumber());
        }
        if (entry.economicBookedNumber() != null) {
            node.put("economicBookedNumber", entry.economicBookedNumber());
        }
        node.put("reason", entry.row().reason());
        node.put("reasonCode", entry.reasonCode());
        node.put("attempts", entry.row().attempts());
        node.put("nextAttemptAt", entry.row().nextAttemptAt() == null ? null : entry.row().nextAttemptAt().toString());
        node.put("createdAt", entry.row().createdAt().toString());
        node.put("updatedAt", entry.row().updatedAt().toString());
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

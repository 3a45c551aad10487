package io.jesync.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.observe.FlowsView;
import io.jesync.alert.AlertSettings;
import io.jesync.json.Json;
import io.jesync.alert.AlertStore;
import io.jesync.observe.FlowsView;
import io.jesync.store.SupportQueries;

/**
 * Looks at what needs a person and tells them once per digest window, not once per problem: every check collects the
 * items of each kind (orders waiting longer than {@code alerts.order-wait-minutes}, flows without a successful run for
 * {@code alerts.flow-stopped-intervals} of their intervals, the e-conomic budget past {@code alerts.budget-warn-percent})
 * and sends a kind's list only if no notice of that kind went out in the current window. A failed delivery gives the
 * window back, so the next check tries again.
 */
public final class AlertMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);
    private static final ObjectMapper MAPPER = Json.MAPPER;
    static final int MAX_ITEMS = 50;

    public enum Kind { ORDERS_WAITING, FLOW_STOPPED, BUDGET_LOW }

    /** What a check sees of the flows and the budget, so tests need no Camel context. */
    public interface Sources {
        List<FlowsView.Flow> flows();

        /** When this instance started watching the flows. */
        Instant watchingSince();

        long economicCallsToday();

        int economicDailyBudget();
    }

    private final AlertSettings settings;
    private final String instanceId;
    private final Sources sources;
    private final SupportQueries queries;
    private final AlertStore store;
    private final WebhookSender webhook;
    private final Clock clock;

    public AlertMonitor(AlertSettings settings, String instanceId, Sources sources, SupportQueries queries,
                        AlertStore store, WebhookSender webhook, Clock clock) {
        this.settings = settings;
        this.instanceId = instanceId;
        this.sources = sources;
        this.queries = queries;
        this.store = store;
        this.webhook = webhook;
        this.clock = clock;
    }

    /** What is wrong right now, by kind; kinds with nothing wrong are absent. */
    public Map<Kind, List<ObjectNode>> current() {
        Instant now = clock.instant();
        Map<Kind, List<ObjectNode>> found = new LinkedHashMap<>();
        List<ObjectNode> waiting = new ArrayList<>();
        for (SupportQueries.WaitingOrder order : queries.waitingOrders(now.minus(settings.orderWait()), MAX_ITEMS)) {
            waiting.add(MAPPER.createObjectNode().put("shop", order.shopId()).put("orderNo", order.orderNo())
                    .put("state", order.state()).put("reason", order.reason()).put("since", order.since().toString())
                    .put("link", "/api/orders/" + order.shopId() + "/" + order.orderNo()));
        }
        put(found, Kind.ORDERS_WAITING, waiting);
        List<ObjectNode> stopped = new ArrayList<>();
        for (FlowsView.Flow flow : sources.flows()) {
            Instant lastGood = flow.run().lastSucceeded() != null ? flow.run().lastSucceeded() : sources.watchingSince();
            boolean notStarted = !"Started".equals(flow.status());
            boolean overdue = flow.interval() != null && !flow.interval().isZero()
                    && Duration.between(lastGood, now).compareTo(flow.interval()
                            .multipliedBy(settings.flowStoppedIntervals())) > 0;
            if (notStarted || overdue) {
                stopped.add(MAPPER.createObjectNode().put("routeId", flow.routeId()).put("shop", flow.shopId())
                        .put("status", flow.status()).put("lastSuccessAt", flow.run().lastSucceeded() == null ? null
                                : flow.run().lastSucceeded().toString())
                        .put("intervalSeconds", flow.interval() == null ? null : flow.interval().toSeconds())
                        .put("lastError", flow.run().lastError()));
            }
        }
        put(found, Kind.FLOW_STOPPED, stopped);
        long calls = sources.economicCallsToday();
        int budget = sources.economicDailyBudget();
        if (calls * 100 >= (long) budget * settings.budgetWarnPercent()) {
            put(found, Kind.BUDGET_LOW, List.of(MAPPER.createObjectNode().put("callsToday", calls)
                    .put("dailyCallBudget", budget).put("budgetLeft", Math.max(0, budget - calls))));
        }
        return found;
    }

    /** One check: sends each kind's digest unless this window already had one. Returns the kinds sent. */
    public List<Kind> check() {
        Instant now = clock.instant();
        long window = settings.digestWindow().toMillis();
        Instant windowStart = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), window) * window);
        List<Kind> sent = new ArrayList<>();
        for (Map.Entry<Kind, List<ObjectNode>> entry : current().entrySet()) {
            Kind kind = entry.getKey();
            String summary = summary(kind, entry.getValue());
            ArrayNode items = MAPPER.createArrayNode();
            entry.getValue().forEach(items::add);
            if (!store.claim(kind.name(), windowStart, webhook.channel(), summary, items.toString())) {
                continue;
            }
            ObjectNode notice = MAPPER.createObjectNode();
            notice.put("source", "jesync");
            notice.put("instance", instanceId);
            notice.put("kind", kind.name());
            notice.put("summary", summary);
            // Chat webhooks (Slack, Mattermost, Teams workflows) show "text" as the message.
            notice.put("text", "[jesync] " + summary);
            notice.put("windowStart", windowStart.toString());
            notice.put("windowEnd", windowStart.plus(settings.digestWindow()).toString());
            notice.put("sentAt", now.toString());
            notice.set("items", items);
            Optional<String> failure = webhook.send(notice.toString());
            if (failure.isPresent()) {
                LOG.warn("Alert {} not delivered: {}; the next check tries again", kind, failure.get());
                store.release(kind.name(), windowStart);
            } else {
                store.outcome(kind.name(), windowStart, "delivered");
                LOG.info("Alert sent: {}", summary);
                sent.add(kind);
            }
        }
        return sent;
    }

    static String summary(Kind kind, List<ObjectNode> items) {
        int n = items.size();
        String more = n >= MAX_ITEMS ? " (first " + MAX_ITEMS + " listed)" : "";
        return switch (kind) {
            case ORDERS_WAITING -> n + " order(s) waiting longer than allowed to reach e-conomic" + more + ", e.g. "
                    + items.get(0).path("shop").asText() + "/" + items.get(0).path("orderNo").asText() + " ("
                    + items.get(0).path("state").asText() + ")";
            case FLOW_STOPPED -> n + " flow(s) without a successful run: " + String.join(", ",
                    items.stream().map(i -> i.path("routeId").asText()).toList());
            case BUDGET_LOW -> "e-conomic API budget nearly used: " + items.get(0).path("callsToday").asLong() + " of "
                    + items.get(0).path("dailyCallBudget").asLong() + " calls today";
        };
    }

    private static void put(Map<Kind, List<ObjectNode>> found, Kind kind, List<ObjectNode> items) {
        if (!items.isEmpty()) {
            found.put(kind, items);
        }
    }

    /** For {@code GET /api/alerts}: what is wrong now and the latest notices. */
    public ObjectNode view(int limit) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("enabled", true);
        ObjectNode now = result.putObject("current");
        current().forEach((kind, items) -> items.forEach(now.putArray(kind.name())::add));
        ArrayNode notices = result.putArray("notices");
        for (AlertStore.Notice notice : store.latest(limit)) {
            ObjectNode node = notices.addObject().put("kind", notice.kind())
                    .put("windowStart", notice.windowStart().toString()).put("sentAt", notice.sentAt().toString())
                    .put("channel", notice.channel()).put("summary", notice.summary()).put("outcome", notice.outcome());
            try {
                node.set("items", MAPPER.readTree(notice.items()));
            } catch (java.io.IOException e) {
                node.put("items", notice.items());
            }
        }
        return result;
    }

    public static Supplier<ObjectNode> disabledView() {
        return () -> MAPPER.createObjectNode().put("enabled", false).put("message", "Alerts are off: set"
                + " alerts.webhook.url to receive them");
    }
}

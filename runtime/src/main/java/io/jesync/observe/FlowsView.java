package io.jesync.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.CronTrigger;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.config.RuntimeSettings;
import io.jesync.config.ShopSettings;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.json.Json;
import io.jesync.observe.ApiCallMeter;
import io.jesync.observe.Connections;
import io.jesync.store.SupportQueries;

/**
 * Every flow's health at a glance: each scheduled (Quartz) route with its last and next run and its lag, the items
 * each flow keeps per shop by state ({@link FlowItems}), the watermarks, and today's e-conomic calls against the
 * budget with the rate-limit headroom, and whether e-conomic and each shop can be reached ({@link Connections}).
 * It lists whatever scheduled routes are registered, so flows added later
 * (products, stock, prices, plugin routes on a Quartz schedule) appear without a change here.
 */
public final class FlowsView {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final CamelContext context;
    private final RuntimeSettings settings;
    private final FlowRuns runs;
    private final SupportQueries queries;
    private final ApiCallMeter meter;
    private final RateLimitGovernor governor;
    private final Clock clock;

    public FlowsView(CamelContext context, RuntimeSettings settings, FlowRuns runs, SupportQueries queries,
                     ApiCallMeter meter, RateLimitGovernor governor, Clock clock) {
        this.context = context;
        this.settings = settings;
        this.runs = runs;
        this.queries = queries;
        this.meter = meter;
        this.governor = governor;
        this.clock = clock;
    }

    /** One scheduled route as the views and alerts see it. */
    public record Flow(String routeId, String shopId, String status, FlowRuns.Run run, Instant nextRun,
                       Duration interval) {
    }

    /** Every registered scheduled route, by route id. */
    public List<Flow> flows() {
        List<Flow> flows = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof QuartzEndpoint quartz) {
                Optional<Trigger> trigger = trigger(quartz);
                flows.add(new Flow(route.getRouteId(), shopOf(route.getRouteId()),
                        String.valueOf(context.getRouteController().getRouteStatus(route.getRouteId())),
                        runs.of(route.getRouteId()), trigger.map(Trigger::getNextFireTime).map(Date::toInstant)
                        .orElse(null), trigger.flatMap(FlowsView::interval).orElse(null)));
            }
        }
        flows.sort(Comparator.comparing(Flow::routeId));
        return flows;
    }

    public ObjectNode view(String onlyShop) {
        Instant now = clock.instant();
        ObjectNode result = MAPPER.createObjectNode();
        result.put("generatedAt", now.toString());
        result.set("economic", economic());
        Connections connections = context.getRegistry().lookupByNameAndType("connections", Connections.class);
        result.set("connections", connections == null ? MAPPER.createArrayNode() : connections.view());
        List<Flow> flows = flows();
        List<FlowItems> items = new ArrayList<>(context.getRegistry().findByType(FlowItems.class));
        items.sort(Comparator.comparing(FlowItems::name));
        ArrayNode shops = result.putArray("shops");
        for (ShopSettings shop : settings.shops()) {
            if (onlyShop != null && !onlyShop.equals(shop.id())) {
                continue;
            }
            ObjectNode node = shops.addObject();
            node.put("shop", shop.id());
            ArrayNode list = node.putArray("flows");
            flows.stream().filter(f -> shop.id().equals(f.shopId())).forEach(f -> list.add(flow(f, now)));
            ObjectNode counts = node.putObject("items");
            for (FlowItems flowItems : items) {
                ObjectNode byState = counts.putObject(flowItems.name());
                flowItems.countByState(shop.id()).forEach(byState::put);
            }
            ObjectNode marks = node.putObject("watermarks");
            queries.watermarks(shop.id()).forEach((flow, mark) -> marks.putObject(flow).put("value", mark[0])
                    .put("movedAt", mark[1]));
        }
        ArrayNode other = result.putArray("otherFlows");
        flows.stream().filter(f -> f.shopId() == null).forEach(f -> other.add(flow(f, now)));
        return result;
    }

    /**
     * Fires a scheduled route now, outside its schedule. The schedules are non-concurrent, so a run already going on
     * finishes first; with clustered Quartz any instance may take it.
     *
     * @return false when no scheduled route has that id
     */
    public boolean runNow(String routeId) {
        Route route = context.getRoute(routeId);
        if (route == null || !(route.getEndpoint() instanceof QuartzEndpoint quartz)) {
            return false;
        }
        try {
            Trigger trigger = scheduler(quartz).getTrigger(quartz.getTriggerKey());
            if (trigger == null) {
                return false;
            }
            scheduler(quartz).triggerJob(trigger.getJobKey());
            return true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start " + routeId + " now: " + e.getMessage(), e);
        }
    }

    private ObjectNode economic() {
        ObjectNode node = MAPPER.createObjectNode();
        long calls = meter.today("economic").calls();
        int budget = settings.economic().dailyCallBudget();
        node.put("callsToday", calls);
        node.put("dailyCallBudget", budget);
        node.put("budgetLeft", Math.max(0, budget - calls));
        governor.headroom().ifPresentOrElse(status -> node.putObject("rateLimit").put("used", status.used())
                .put("limit", status.limit()).put("windowSeconds", status.window().toSeconds())
                .put("headroom", Math.max(0, status.limit() - status.used())), () -> node.putNull("rateLimit"));
        return node;
    }

    private ObjectNode flow(Flow flow, Instant now) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("routeId", flow.routeId());
        node.put("flow", flow.shopId() == null ? flow.routeId()
                : flow.routeId().substring(0, flow.routeId().length() - flow.shopId().length() - 1));
        node.put("status", flow.status());
        node.put("running", flow.run().running());
        put(node, "lastRunStartedAt", flow.run().lastStarted());
        put(node, "lastRunFinishedAt", flow.run().lastFinished());
        put(node, "lastSuccessAt", flow.run().lastSucceeded());
        put(node, "lastFailureAt", flow.run().lastFailed());
        node.put("lastError", flow.run().lastError());
        put(node, "nextRunAt", flow.nextRun());
        if (flow.interval() != null) {
            node.put("intervalSeconds", flow.interval().toSeconds());
        }
        FlowRuns.Run run = flow.run();
        // Failing: its last run failed, e.g. a connection is down; the console shows it red with lastError.
        node.put("failing", run.lastFailed() != null && (run.lastSucceeded() == null
                || run.lastFailed().isAfter(run.lastSucceeded())));
        if (run.lastStarted() == null && flow.nextRun() != null && flow.nextRun().isAfter(now)) {
            // Not due yet (the daily reconciliation before its first run): nothing lags.
            node.putNull("lagSeconds");
        } else {
            Instant reference = run.lastSucceeded() != null ? run.lastSucceeded() : runs.since();
            node.put("lagSeconds", Math.max(0, Duration.between(reference, now).toSeconds()));
        }
        return node;
    }

    private static void put(ObjectNode node, String field, Instant value) {
        node.put(field, value == null ? null : value.toString());
    }

    /** The shop a route belongs to: the longest shop id the route id ends with ({@code poll-orders-se}). */
    private String shopOf(String routeId) {
        return settings.shops().stream().map(ShopSettings::id).filter(id -> routeId.endsWith("-" + id))
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    private static org.quartz.Scheduler scheduler(QuartzEndpoint quartz) {
        return ((org.apache.camel.component.quartz.QuartzComponent) quartz.getComponent()).getScheduler();
    }

    private static Optional<Trigger> trigger(QuartzEndpoint quartz) {
        try {
            return scheduler(quartz) == null ? Optional.empty()
                    : Optional.ofNullable(scheduler(quartz).getTrigger(quartz.getTriggerKey()));
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> interval(Trigger trigger) {
        if (trigger instanceof SimpleTrigger simple) {
            return Optional.of(Duration.ofMillis(simple.getRepeatInterval()));
        }
        if (trigger instanceof CronTrigger && trigger.getNextFireTime() != null) {
            Date after = trigger.getFireTimeAfter(trigger.getNextFireTime());
            return after == null ? Optional.empty()
                    : Optional.of(Duration.between(trigger.getNextFireTime().toInstant(), after.toInstant()));
        }
        return Optional.empty();
    }
}

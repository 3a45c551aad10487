package io.jesync.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.observe.ApiCallMeter;
import io.jesync.reconcile.ReconciliationStore;
import io.jesync.observe.ApiCallMeter;

/**
 * Runs a reconciliation (scheduled or on demand) and keeps its result: the run is recorded before anything is read,
 * so a run that fails leaves a FAILED row with the reason rather than nothing.
 */
public final class Reconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final RuntimeSettings settings;
    private final Map<String, DayReconciler> reconcilers = new TreeMap<>();
    private final ReconciliationStore store;
    private final ApiCallMeter meter;
    private final Clock clock;

    public Reconciliation(RuntimeSettings settings, List<DayReconciler> reconcilers, ReconciliationStore store,
                          ApiCallMeter meter, Clock clock) {
        this.settings = settings;
        reconcilers.forEach(r -> this.reconcilers.put(r.kind(), r));
        this.store = store;
        this.meter = meter;
        this.clock = clock;
    }

    /** The schedule's run: yesterday in the shop's time zone, every kind. */
    public void scheduled(String shopId) {
        LocalDate yesterday = yesterday(shopId);
        for (String kind : kinds(shopId)) {
            run(shopId, kind, yesterday, "schedule");
        }
    }

    /** Step {@code choose-day}: yesterday in the shop's time zone. */
    public LocalDate yesterday(String shopId) {
        ShopSettings shop = shop(shopId);
        return LocalDate.now(clock.withZone(ZoneId.of(shop.orders().mapping().timeZone()))).minusDays(1);
    }

    /** Step {@code list-reconciliations}: the kinds that apply to the shop, in name order. */
    public List<String> kinds(String shopId) {
        ShopSettings shop = shop(shopId);
        return reconcilers.values().stream().filter(r -> r.appliesTo(shop)).map(DayReconciler::kind).toList();
    }

    /** Runs one reconciliation to the end and returns it as stored; {@code day} null means yesterday. */
    public ReconciliationStore.Run run(String shopId, String kind, LocalDate day, String trigger) {
        ShopSettings shop = shop(shopId);
        DayReconciler reconciler = reconcilers.get(kind == null ? "orders" : kind);
        if (reconciler == null) {
            throw new IllegalArgumentException("kind '" + kind + "' is not one of " + reconcilers.keySet());
        }
        if (!reconciler.appliesTo(shop)) {
            throw new IllegalArgumentException("shop '" + shopId + "' has nothing to reconcile of kind '" + kind + "'");
        }
        LocalDate businessDay = day != null ? day
                : LocalDate.now(clock.withZone(ZoneId.of(shop.orders().mapping().timeZone()))).minusDays(1);
        long id = store.start(shopId, reconciler.kind(), businessDay, trigger);
        long callsBefore = meter.today("economic").calls();
        try {
            DayReconciler.Result result = reconciler.reconcile(shop, businessDay);
            int calls = (int) Math.max(0, meter.today("economic").calls() - callsBefore);
            store.finish(id, result.shopCount(), result.ledgerCount(), result.economicCount(),
                    result.findings().size(), calls, MAPPER.writeValueAsString(result.findings()));
            if (!result.findings().isEmpty()) {
                LOG.warn("Reconciliation of shop {} {} on {}: {} finding(s), see /api/reconciliation/{}", shopId,
                        reconciler.kind(), businessDay, result.findings().size(), id);
            } else {
                LOG.info("Reconciliation of shop {} {} on {}: everything matches ({} in the shop, {} in the store, "
                        + "{} in e-conomic)", shopId, reconciler.kind(), businessDay, result.shopCount(),
                        result.ledgerCount(), result.economicCount());
            }
        } catch (Exception e) {
            LOG.warn("Reconciliation of shop {} {} on {} failed: {}", shopId, reconciler.kind(), businessDay,
                    e.getMessage());
            store.fail(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return store.find(id).orElseThrow();
    }

    public Optional<ObjectNode> find(long id) {
        return store.find(id).map(Reconciliation::view);
    }

    public ObjectNode latest(String shopId, Integer limit) {
        ObjectNode result = MAPPER.createObjectNode();
        ArrayNode runs = result.putArray("runs");
        store.latest(shopId, limit == null ? 50 : Math.max(1, Math.min(limit, 500))).forEach(run -> {
            ObjectNode node = view(run);
            node.remove("findings");
            runs.add(node);
        });
        result.put("kinds", String.join(",", reconcilers.keySet()));
        return result;
    }

    public static ObjectNode view(ReconciliationStore.Run run) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", run.id());
        node.put("shop", run.shopId());
        node.put("kind", run.kind());
        node.put("day", run.day().toString());
        node.put("state", run.state());
        node.put("trigger", run.trigger());
        node.put("startedAt", run.startedAt().toString());
        node.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        node.put("shopOrders", run.shopCount());
        node.put("ledgerOrders", run.ledgerCount());
        node.put("economicDocuments", run.economicCount());
        node.put("findingCount", run.findingCount());
        node.put("apiCalls", run.apiCalls());
        node.put("error", run.error());
        try {
            node.set("findings", run.findings() == null ? MAPPER.createArrayNode() : MAPPER.readTree(run.findings()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reconciliation " + run.id() + " holds unreadable findings", e);
        }
        return node;
    }

    private ShopSettings shop(String shopId) {
        return settings.shops().stream().filter(s -> s.id().equals(shopId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shop '" + shopId + "' in the settings"));
    }
}

package io.jesync.status;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.plugin.PluginException;
import io.jesync.plugin.PluginPoint;
import io.jesync.plugin.PluginPoints;
import io.jesync.order.OrderLedger;
import io.jesync.status.StatusActionEntry;
import io.jesync.status.StatusLedger;
import io.jesync.order.OrderLedger;
import io.jesync.store.WatermarkStore;

/**
 * The status flow's steps as the route calls them: find what happened in e-conomic to the orders still watched,
 * record each event once with its planned shop actions, move the cursor only then, and carry out the due actions.
 */
public final class StatusFlow {
    static final String WATERMARK = "status";
    private static final Logger LOG = LoggerFactory.getLogger(StatusFlow.class);
    private static final int TRACKED_PER_POLL = 5_000;
    /**
     * The source's cursor is opaque: whatever it returned last replaces the stored one. Any different value
     * counts as "further", which is all {@link WatermarkStore#advance} needs to know.
     */
    private static final java.lang.reflect.Type ACTIONS =
            new com.fasterxml.jackson.core.type.TypeReference<List<ConfiguredAction>>() { }.getType();
    private static final Comparator<String> REPLACE = (next, current) -> next.equals(current) ? 0 : 1;

    private final RuntimeSettings settings;
    private final StatusEventSource source;
    private final StatusLedger statusLedger;
    private final OrderLedger orders;
    private final WatermarkStore watermarks;
    private final StatusExecutor executor;
    private final Clock clock;
    private final PluginPoints plugins;

    public StatusFlow(RuntimeSettings settings, StatusEventSource source, StatusLedger statusLedger,
                      OrderLedger orders, WatermarkStore watermarks, StatusExecutor executor, Clock clock,
                      PluginPoints plugins) {
        this.plugins = plugins;
        this.settings = settings;
        this.source = source;
        this.statusLedger = statusLedger;
        this.orders = orders;
        this.watermarks = watermarks;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * One scheduled run for a shop. Reading e-conomic failing (outage, budget) does not keep already recorded
     * actions from running: the next run reads the same events again from the unchanged cursor.
     */
    public StatusExecutor.Summary poll(String shopId) {
        readEvents(shopId);
        return runDue(shopId);
    }

    /**
     * Step {@code read-status-events}: {@link #recordEvents}, where failing to read e-conomic only waits for the next
     * run. @return how many events were new
     */
    public int readEvents(String shopId) {
        try {
            return recordEvents(shopId);
        } catch (Exception e) {
            LOG.warn("Shop {}: e-conomic status events could not be read now: {}", shopId, e.getMessage());
            return 0;
        }
    }

    /** Reads and records the events of the shop's watched orders. @return how many events were new */
    public int recordEvents(String shopId) throws Exception {
        ShopSettings shop = shop(shopId);
        List<TrackedOrder> tracked = statusLedger.trackedOrders(shopId,
                clock.instant().minus(shop.status().trackFor()), TRACKED_PER_POLL);
        if (tracked.isEmpty()) {
            return 0;
        }
        Optional<String> cursor = watermarks.get(WATERMARK, shopId);
        StatusEventSource.Detection detection = source.detect(shopId, tracked, cursor);
        int recorded = 0;
        for (StatusEvent event : detection.events()) {
            if (event.shopId().equals(shopId) && record(shop, event)) {
                recorded++;
            }
        }
        detection.cursor().ifPresent(next -> watermarks.advance(WATERMARK, shopId, next, REPLACE));
        if (recorded > 0) {
            LOG.info("Shop {}: {} new status event(s) from e-conomic", shopId, recorded);
        }
        return recorded;
    }

    /** Records one event and its planned actions once. @return false when it was recorded before */
    public boolean record(ShopSettings shop, StatusEvent event) {
        String erpOrderNo = orders.find(shop.id(), event.orderNo()).map(StatusPlanner::erpOrderNo)
                .orElse(event.orderNo());
        List<ConfiguredAction> configured = shop.status().actionsFor(event.type());
        String pluginFailed = null;
        try {
            configured = plugins.apply(PluginPoint.STATUS_EVENT, shop.id() + "/" + event.orderNo(), configured,
                    ACTIONS, Map.of("event", event));
        } catch (PluginException e) {
            pluginFailed = e.getMessage();
        }
        List<ConfiguredAction> planned = configured;
        Optional<StatusLedger.RecordedEvent> recorded = statusLedger.record(event,
                earlier -> StatusPlanner.plan(event, planned, earlier, erpOrderNo));
        if (recorded.isEmpty()) {
            return false;
        }
        List<StatusActionEntry> actions = pluginFailed == null ? recorded.get().actions()
                : parked(recorded.get().actions(), pluginFailed);
        String next = actions.stream().filter(a -> a.state() == ActionState.PENDING).map(StatusExecutor::label)
                .collect(Collectors.joining(", "));
        orders.appendEvent(shop.id(), event.orderNo(), "status-event", StatusPlanner.describe(event)
                + (actions.isEmpty() ? "; nothing to do in the shop (shop." + shop.id() + ".status.on."
                + event.type().key() + "=none)" : next.isEmpty() ? "" : "; next: " + next));
        for (StatusActionEntry skipped : actions) {
            if (skipped.state() == ActionState.SKIPPED) {
                orders.appendEvent(shop.id(), event.orderNo(), "status-action", "skipped "
                        + StatusExecutor.label(skipped) + ": " + skipped.reason());
            }
        }
        return true;
    }

    /**
     * A failed status-event plugin leaves the configured actions recorded but parked with its message, so nothing is
     * lost and nothing runs until a person re-queues them (after fixing the plugin).
     */
    private List<StatusActionEntry> parked(List<StatusActionEntry> actions, String why) {
        List<StatusActionEntry> after = new java.util.ArrayList<>();
        for (StatusActionEntry action : actions) {
            Optional<StatusActionEntry> moved = action.state() != ActionState.PENDING ? Optional.empty()
                    : statusLedger.claim(action.id(), "plugin-point", java.time.Duration.ofMinutes(1)).flatMap(
                            claimed -> statusLedger.finish(claimed.id(), claimed.version(), ActionState.PARKED,
                                    "Parked before it ran: " + why, null, false));
            after.add(moved.orElse(action));
        }
        LOG.warn("Status event of order {}/{} not carried out: {}", actions.isEmpty() ? "?" : actions.get(0).shopId(),
                actions.isEmpty() ? "?" : actions.get(0).orderNo(), why);
        return after;
    }

    /** Step {@code carry-out-shop-actions}: the due shop actions of every recorded event. */
    public StatusExecutor.Summary runDue(String shopId) {
        return executor.runDue(shop(shopId));
    }

    private ShopSettings shop(String shopId) {
        return settings.shops().stream().filter(s -> s.id().equals(shopId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No shop '" + shopId + "' in the settings"));
    }
}

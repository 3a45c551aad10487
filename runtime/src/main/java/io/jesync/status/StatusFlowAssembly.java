package io.jesync.status;

import java.time.Clock;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

import io.jesync.order.BackoffSchedule;
import io.jesync.plugin.PluginPoints;
import io.jesync.shop.ShopStatusPort;
import io.jesync.store.Database;
import io.jesync.order.OrderLedger;
import io.jesync.store.WatermarkStore;

/** The status flow's parts, put together once for the runtime and the same way for tests. */
public record StatusFlowAssembly(StatusLedger ledger, StatusExecutor executor, StatusFlow flow, OrderLife life) {

    /**
     * @param routes how a {@code route:} tracking source is called: (endpoint uri, document JSON) → reply
     */
    public static StatusFlowAssembly create(RuntimeSettings settings, Database database, OrderLedger orders,
                                            CancellationRecords cancellations,
                                            ShopStatusPort shop, StatusEventSource source,
                                            BiFunction<String, String, Object> routes, Clock clock,
                                            BackoffSchedule retry, RandomGenerator random) {
        return create(settings, database, orders, cancellations, shop, source, routes, clock, retry, random,
                PluginPoints.NONE);
    }

    public static StatusFlowAssembly create(RuntimeSettings settings, Database database, OrderLedger orders,
                                            CancellationRecords cancellations, ShopStatusPort shop,
                                            StatusEventSource source, BiFunction<String, String, Object> routes,
                                            Clock clock, BackoffSchedule retry, RandomGenerator random,
                                            PluginPoints plugins) {
        StatusLedger ledger = new StatusLedger(database, clock);
        // Like the order flow's claims: one owner per process life, so a restart never mistakes old leases for its own.
        String owner = settings.instanceId() + "#" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        ledger.expireClaimsOfEarlierLives(settings.instanceId(), owner);
        OrderLife life = new OrderLife(ledger, cancellations);
        StatusExecutor executor = new StatusExecutor(ledger, orders, life, shop,
                new TrackingNumbers(routes), clock, owner, retry, random);
        StatusFlow flow = new StatusFlow(settings, source, ledger, orders, new WatermarkStore(database, clock),
                executor, clock, plugins);
        return new StatusFlowAssembly(ledger, executor, flow, life);
    }
}

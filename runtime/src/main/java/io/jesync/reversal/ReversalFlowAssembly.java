package io.jesync.reversal;

import java.time.Clock;
import java.util.random.RandomGenerator;

import io.jesync.economic.EconomicClient;
import io.jesync.order.BackoffSchedule;
import io.jesync.order.OrderFlowAssembly;
import io.jesync.store.Database;
import io.jesync.status.StatusLedger;
import io.jesync.store.WatermarkStore;

/** The reversal flow's parts, built on the order flow's (same ledger, same shop adapters), for runtime and tests. */
public record ReversalFlowAssembly(ReversalLedger ledger, OrderReversal reversal, ReversalFlow flow) {

    public static ReversalFlowAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                              OrderFlowAssembly orders, Clock clock, BackoffSchedule retry,
                                              RandomGenerator random) {
        ReversalLedger ledger = new ReversalLedger(database, clock);
        io.jesync.shop.ShopOrders shop = orders.shop();
        String owner = settings.instanceId() + "#" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        // A restart resumes its dead predecessor's reversals at once instead of waiting out their leases.
        ledger.expireClaimsOfEarlierLives(settings.instanceId(), owner);
        OrderReversal reversal = new OrderReversal(orders.ledger(), ledger, new StatusLedger(database, clock), economic,
                shop, clock, owner, retry, random, settings.economic().readTimeout().multipliedBy(2));
        return new ReversalFlowAssembly(ledger, reversal, new ReversalFlow(settings, shop, reversal, ledger,
                new WatermarkStore(database, clock), clock));
    }
}

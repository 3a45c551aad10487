package io.jesync.order;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.random.RandomGenerator;

import org.slf4j.LoggerFactory;

import io.jesync.economic.EconomicClient;
import io.jesync.plugin.PluginPoints;
import io.jesync.shop.ShopPlatforms;
import io.jesync.store.Database;
import io.jesync.store.WatermarkStore;

/** The order flow's parts, put together once for the runtime and the same way for tests. */
public record OrderFlowAssembly(ShopPlatforms shop, OrderLedger ledger, OrderFlow flow) {

    public static OrderFlowAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                           HttpClient shopHttp, Clock clock, BackoffSchedule retry, RandomGenerator random) {
        return create(settings, database, economic, shopHttp, clock, retry, random, PluginPoints.NONE);
    }

    public static OrderFlowAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                           HttpClient shopHttp, Clock clock, BackoffSchedule retry, RandomGenerator random,
                                           PluginPoints plugins) {
        ShopPlatforms shop = ShopPlatforms.connect(settings.shops(), shopHttp, settings.shopClient().readTimeout(),
                clock);
        OrderLedger ledger = new OrderLedger(database, clock);
        // Claims carry the life of the process, so threads of one process never share a claim and a restart
        // can release what its dead predecessor held.
        String owner = settings.instanceId() + "#" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        // Orders run side by side, so a process can die with several sent but not yet acknowledged: due at once.
        ledger.resumeSentByEarlierLives(settings.instanceId(), owner);
        int released = ledger.expireClaimsOfEarlierLives(settings.instanceId(), owner);
        // Orders run side by side, so a process can die while one of them is creating a buyer: release it too.
        io.jesync.store.EarlierLives.release(database, clock, "customer_binding", settings.instanceId(), owner);
        if (released > 0) {
            LoggerFactory.getLogger(OrderFlowAssembly.class).info("Resuming {} order(s) an earlier run of {} was"
                    + " working on when it stopped", released, settings.instanceId());
        }
        OrderTransfer transfer = new OrderTransfer(ledger, economic,
                new CustomerResolver(economic, new CustomerBindings(database, clock), owner),
                new ArticleCheck(economic), shop, clock, owner, retry, random,
                settings.economic().readTimeout().multipliedBy(2),
                new RestoreGuard(ledger, economic, new WatermarkStore(database, clock), clock), plugins);
        OrderFlow flow = new OrderFlow(settings, shop, transfer, ledger, new WatermarkStore(database, clock),
                clock);
        return new OrderFlowAssembly(shop, ledger, flow);
    }
}

package io.jesync.product;

import java.time.Clock;

import io.jesync.economic.EconomicClient;
import io.jesync.plugin.PluginPoints;
import io.jesync.shop.ShopProductPort;
import io.jesync.store.Database;
import io.jesync.store.WatermarkStore;

/** The product flows' parts, put together once for the runtime, the command line and tests. */
public record ProductFlowAssembly(ProductStore store, ProductWrites writes, ProductFlow flow, InitialSync initialSync,
                                  InitialSyncService service) {

    public static ProductFlowAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                             ShopProductPort shop, Clock clock) {
        return create(settings, database, economic, shop, clock, PluginPoints.NONE);
    }

    public static ProductFlowAssembly create(RuntimeSettings settings, Database database, EconomicClient economic,
                                             ShopProductPort shop, Clock clock, PluginPoints plugins) {
        ProductStore store = new ProductStore(database, clock);
        ProductWrites writes = new ProductWrites(economic, shop);
        InitialSync initialSync = new InitialSync(store, writes, clock);
        return new ProductFlowAssembly(store, writes, new ProductFlow(settings, store, writes,
                new WatermarkStore(database, clock), clock, plugins), initialSync,
                new InitialSyncService(settings, store, initialSync));
    }
}

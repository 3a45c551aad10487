package io.jesync.product;

import java.time.Clock;

import io.jesync.economic.EconomicClient;
import io.jesync.shop.norce.NorceConnection;
import io.jesync.shop.norce.NorceProductCatalog;
import io.jesync.store.Database;
import io.jesync.store.ProductStore;

/** The product flows' parts, put together once for the runtime, the command line and tests. */
public record ProductFlowAssembly(ProductStore store, ProductWrites writes, InitialSync initialSync) {

    public static ProductFlowAssembly create(Database database, EconomicClient economic, NorceConnection norce,
                                             Clock clock, ProductWrites.Pause pause) {
        ProductStore store = new ProductStore(database, clock);
        ProductWrites writes = new ProductWrites(economic, new NorceProductCatalog(norce), pause);
        return new ProductFlowAssembly(store, writes, new InitialSync(store, writes, clock));
    }
}

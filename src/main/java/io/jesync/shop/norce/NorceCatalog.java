package io.jesync.shop.norce;

import java.time.Clock;

import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopCatalog;

/** The Norce Commerce catalogue adapters, sharing one connection, one Job client and one price-list cache. */
public final class NorceCatalog {
    private NorceCatalog() {
    }

    public static ShopCatalog create(NorceConnection connection, Clock clock, Sleeper sleeper) {
        NorceJobClient jobs = new NorceJobClient(connection);
        NorcePriceLists priceLists = new NorcePriceLists(connection, clock);
        return new ShopCatalog(new NorceProductCatalog(connection, jobs, priceLists, sleeper),
                new NorceCatalogWriter(connection, jobs, priceLists, sleeper));
    }
}

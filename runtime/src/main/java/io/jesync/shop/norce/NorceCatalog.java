package io.jesync.shop.norce;

import java.time.Clock;

import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopCatalog;

/**
 * The Norce Commerce catalogue adapters, sharing one connection, one Job client, one price-list cache and the job
 * events the tenant posts.
 */
public final class NorceCatalog {
    private NorceCatalog() {
    }

    public static ShopCatalog create(NorceConnection connection, Clock clock, Sleeper sleeper) {
        return create(connection, clock, sleeper, new NorceJobEvents(NorceJobEvents.DEFAULT_EVENT_WAIT));
    }

    static ShopCatalog create(NorceConnection connection, Clock clock, Sleeper sleeper, NorceJobEvents events) {
        NorceJobClient jobs = new NorceJobClient(connection);
        NorcePriceLists priceLists = new NorcePriceLists(connection, clock);
        return new ShopCatalog(new NorceProductCatalog(connection, jobs, priceLists, sleeper, events),
                new NorceCatalogWriter(connection, jobs, priceLists, sleeper, events));
    }
}

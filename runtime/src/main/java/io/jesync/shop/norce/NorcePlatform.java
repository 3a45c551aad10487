package io.jesync.shop.norce;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopTenantCheck;
import io.jesync.shop.ShopCatalog;
import io.jesync.shop.ShopOrderStatus;
import io.jesync.shop.ShopOrders;
import io.jesync.shop.ShopPlatform;
import io.jesync.shop.ShopStatusPort;

/** Norce Commerce as a {@link ShopPlatform}: Query 2.0 to read, Connect 4.0 to write (docs/norce-adapter.md). */
public final class NorcePlatform implements ShopPlatform {

    @Override
    public ShopSettings.Platform platform() {
        return ShopSettings.Platform.NORCE;
    }

    @Override
    public Optional<ShopOrderStatus> orderStatus(String text) {
        return NorceOrderStatus.parse(text).map(NorcePlatform::neutral);
    }

    @Override
    public ShopOrderStatus standardStatus(StandardStatus status) {
        return neutral(switch (status) {
            case CONFIRMED -> NorceOrderStatus.CONFIRMED;
            case DELIVERED -> NorceOrderStatus.DELIVERED;
            case INVOICED -> NorceOrderStatus.INVOICED;
            case CANCELLED -> NorceOrderStatus.CANCELLED;
        });
    }

    private static ShopOrderStatus neutral(NorceOrderStatus status) {
        return new ShopOrderStatus(status.id(), status.wireName());
    }

    @Override
    public Adapter connect(HttpClient http, Duration readTimeout, Clock clock) {
        return new Adapter(new NorceConnection(http, clock, readTimeout), clock);
    }

    /** One runtime's Norce side: one connection (and so one token cache) for every flow and shop. */
    public static final class Adapter implements Connected {
        private final NorceConnection connection;
        private final Clock clock;
        private final NorceShopOrders orders;
        private final NorceOrderWriter writes;
        private final NorceJobEvents jobEvents = new NorceJobEvents(NorceJobEvents.DEFAULT_EVENT_WAIT);

        Adapter(NorceConnection connection, Clock clock) {
            this.connection = connection;
            this.clock = clock;
            this.orders = new NorceShopOrders(connection, new NorceLookups(connection, clock));
            this.writes = new NorceOrderWriter(connection, clock);
        }

        @Override
        public ShopOrders orders() {
            return orders;
        }

        @Override
        public ShopStatusPort statusWrites() {
            return writes;
        }

        @Override
        public void checkCredentials(ShopSettings shop) throws Exception {
            connection.checkToken(shop);
        }

        @Override
        public ShopCatalog catalog(Sleeper sleeper) {
            return NorceCatalog.create(connection, clock, sleeper, jobEvents);
        }

        /** The job events the tenant posts; every catalogue built on this connection waits on them. */
        NorceJobEvents jobEvents() {
            return jobEvents;
        }

        @Override
        public Set<String> callbackPaths(ShopSettings shop) {
            return NorceJobEvents.sendsEvents(shop) ? Set.of(NorceJobWebhookRoutes.path(shop)) : Set.of();
        }

        @Override
        public ShopTenantCheck tenantCheck() {
            return new NorcePreflight(connection);
        }
    }
}

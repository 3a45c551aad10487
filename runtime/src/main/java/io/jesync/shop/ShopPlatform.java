package io.jesync.shop;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;

/**
 * One shop platform's adapter, found through {@link java.util.ServiceLoader} so that nothing outside the
 * platform's own package names its classes; {@link ShopPlatforms} picks it by {@code shop.<id>.platform}.
 */
public interface ShopPlatform {

    ShopSettings.Platform platform();

    /** A status as the merchant names it in settings: the platform's name or its id, any case. */
    Optional<ShopOrderStatus> orderStatus(String text);

    /** The platform's name for an order that is delivered, invoiced, ...: the default status mapping's words. */
    ShopOrderStatus standardStatus(StandardStatus status);

    /**
     * The adapter for one runtime: one token cache and connection shared by every shop on this platform.
     *
     * @param http        connects within the shop side's connect timeout
     * @param readTimeout how long any one answer, headers and body, may take
     */
    Connected connect(HttpClient http, Duration readTimeout, Clock clock);

    /** The order life-cycle points the runtime's default mappings refer to. */
    enum StandardStatus { CONFIRMED, DELIVERED, INVOICED, CANCELLED }

    /** The ports of one connected platform. */
    interface Connected {
        ShopOrders orders();

        ShopStatusPort statusWrites();

        /** Proves the shop's credentials are accepted, spending as little of the platform's budget as it can. */
        void checkCredentials(ShopSettings shop) throws Exception;

        /**
         * The catalogue adapters on this connection (and its token cache); each call builds a new set, with its own
         * caches, so the runtime asks once.
         */
        ShopCatalog catalog(Sleeper sleeper);

        /** The platform's half of the preflight, on this connection. */
        ShopTenantCheck tenantCheck();

        /**
         * The admin-port paths the platform calls back on for this shop (its webhooks, each checking its own secret
         * in its own route), which the admin guard therefore lets through without admin credentials.
         */
        default Set<String> callbackPaths(ShopSettings shop) {
            return Set.of();
        }
    }
}

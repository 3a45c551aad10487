package io.jesync.shop;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

import io.jesync.config.ConfigurationException;
import io.jesync.config.ShopSettings;
import io.jesync.economic.Sleeper;

/**
 * The one place a shop's platform adapter is chosen, by {@code shop.<id>.platform}: every platform on the class
 * path registers a {@link ShopPlatform} service, and the flows talk to this router, which hands each call to the
 * adapter of the shop it is about. A second platform is a new package with its service entry and nothing else.
 */
public final class ShopPlatforms implements ShopOrders, ShopStatusPort {
    private static final Map<ShopSettings.Platform, ShopPlatform> PLATFORMS = load();

    private final Map<ShopSettings.Platform, ShopPlatform.Connected> connected = new EnumMap<>(ShopSettings.Platform.class);
    private final Map<String, ShopSettings.Platform> platformOfShop;

    private ShopPlatforms(Map<String, ShopSettings.Platform> platformOfShop) {
        this.platformOfShop = Map.copyOf(platformOfShop);
    }

    private static Map<ShopSettings.Platform, ShopPlatform> load() {
        Map<ShopSettings.Platform, ShopPlatform> platforms = new EnumMap<>(ShopSettings.Platform.class);
        for (ShopPlatform platform : ServiceLoader.load(ShopPlatform.class, ShopPlatforms.class.getClassLoader())) {
            platforms.put(platform.platform(), platform);
        }
        return platforms;
    }

    /** The platform's status vocabulary, for settings; {@code key} names the setting in the error. */
    public static ShopPlatform platform(ShopSettings.Platform platform, String key) {
        ShopPlatform found = PLATFORMS.get(platform);
        if (found == null) {
            throw new ConfigurationException(key, "no adapter for platform " + platform + " is installed");
        }
        return found;
    }

    /**
     * Connects every platform the shops use, once each, on {@code http} (built with the shop side's connect timeout,
     * {@link io.jesync.config.ShopClientSettings#newHttpClient}) and with {@code readTimeout} for every answer.
     */
    public static ShopPlatforms connect(Iterable<? extends ShopSettings> shops, HttpClient http, Duration readTimeout,
                                        Clock clock) {
        Map<String, ShopSettings.Platform> platformOfShop = new java.util.HashMap<>();
        for (ShopSettings shop : shops) {
            platformOfShop.put(shop.id(), shop.platform());
        }
        ShopPlatforms router = new ShopPlatforms(platformOfShop);
        for (ShopSettings.Platform platform : Set.copyOf(platformOfShop.values())) {
            router.connected.put(platform, platform(platform, "shop.<id>.platform").connect(http, readTimeout, clock));
        }
        return router;
    }

    /** Every shop's callback paths: the webhooks its platform posts to, guarded by their own secrets. */
    public Set<String> callbackPaths(Iterable<? extends ShopSettings> shops) {
        Set<String> paths = new java.util.HashSet<>();
        for (ShopSettings shop : shops) {
            paths.addAll(of(shop).callbackPaths(shop));
        }
        return paths;
    }

    /** The connected adapter of {@code shop}'s platform. */
    public ShopPlatform.Connected of(ShopSettings shop) {
        return of(shop.id());
    }

    private ShopPlatform.Connected of(String shopId) {
        return connected.get(platformOf(shopId));
    }

    private ShopSettings.Platform platformOf(String shopId) {
        ShopSettings.Platform platform = platformOfShop.get(shopId);
        if (platform == null) {
            throw new IllegalStateException("shop " + shopId + " is not one of the shops this runtime connected");
        }
        return platform;
    }

    @Override
    public ShopOrderBatch ordersSince(ShopSettings shop, Instant since) throws Exception {
        return of(shop).orders().ordersSince(shop, since);
    }

    @Override
    public ShopOrderBatch changedSince(ShopSettings shop, Instant since) throws Exception {
        return of(shop).orders().changedSince(shop, since);
    }

    @Override
    public Optional<ShopOrder> transferred(String shopId, String rawJson) {
        return of(shopId).orders().transferred(shopId, rawJson);
    }

    @Override
    public Set<Integer> cancelledLines(IncomingOrder order) {
        return order.order() == null ? Set.of() : of(order.order().shopId()).orders().cancelledLines(order);
    }

    @Override
    public Optional<IncomingOrder> refetch(ShopSettings shop, int channelId, long platformOrderId) throws Exception {
        return of(shop).orders().refetch(shop, channelId, platformOrderId);
    }

    @Override
    public void acknowledge(ShopSettings shop, ShopOrder order, String erpOrderNo, ShopOrderStatus status)
            throws Exception {
        of(shop).orders().acknowledge(shop, order, erpOrderNo, status);
    }

    @Override
    public ShopOrder snapshot(ShopSettings shop, String snapshotJson) throws Exception {
        return of(shop).statusWrites().snapshot(shop, snapshotJson);
    }

    @Override
    public Write setStatus(ShopSettings shop, StatusChange change) throws Exception {
        return of(shop).statusWrites().setStatus(shop, change);
    }

    @Override
    public Write createDeliveryNote(ShopSettings shop, DeliveryNote note) throws Exception {
        return of(shop).statusWrites().createDeliveryNote(shop, note);
    }

    @Override
    public Write createInvoice(ShopSettings shop, Capture capture) throws Exception {
        return of(shop).statusWrites().createInvoice(shop, capture);
    }

    @Override
    public Write cancelOrder(ShopSettings shop, Cancellation cancellation) throws Exception {
        return of(shop).statusWrites().cancelOrder(shop, cancellation);
    }

    /**
     * The catalogue ports of every shop, each call going to its shop's platform. The stock and price flow and the
     * product flow take one catalogue for all shops, so there is one set of catalogue adapters per platform in use,
     * on that platform's one connection (and token cache) which the order side shares.
     */
    public ShopCatalog catalog(Sleeper sleeper) {
        Map<ShopSettings.Platform, ShopCatalog> catalogs = new EnumMap<>(ShopSettings.Platform.class);
        connected.forEach((platform, adapter) -> catalogs.put(platform, adapter.catalog(sleeper)));
        return RoutedCatalog.of(shop -> catalogs.get(platformOf(shop.id())));
    }

    /**
     * The shops' half of the preflight, each shop checked by its platform's check. The preflight takes one check for
     * all shops, so there is one per platform in use, on that platform's one connection.
     */
    public ShopTenantCheck tenantCheck() {
        Map<ShopSettings.Platform, ShopTenantCheck> checks = new EnumMap<>(ShopSettings.Platform.class);
        connected.forEach((platform, adapter) -> checks.put(platform, adapter.tenantCheck()));
        return (shop, findings) -> checks.get(platformOf(shop.id())).check(shop, findings);
    }

    /** Proves {@code shop}'s credentials through its platform's cheapest check. */
    public void checkCredentials(ShopSettings shop) throws Exception {
        of(shop).checkCredentials(shop);
    }
}

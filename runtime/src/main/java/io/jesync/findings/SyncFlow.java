package io.jesync.findings;

import java.util.List;
import java.util.Locale;

/**
 * The flows a preflight problem can stop, each with the route that runs it for one shop. Stock and prices share one
 * route for all shops (their budget is shared), so that route stops only when every shop running it is blocked.
 */
public enum SyncFlow {
    ORDERS("poll-orders-"), STATUS("poll-status-"), REVERSAL("poll-reversals-"), PRODUCTS("poll-products-"),
    STOCK(null), PRICES(null);

    /** The route of stock and prices, which serves every shop. */
    public static final String STOCK_PRICES_ROUTE = "stock-prices-tick";
    /** Every flow: what a problem with the shop's connection or its applications stops. */
    public static final List<SyncFlow> ALL = List.of(values());

    private final String routePrefix;

    SyncFlow(String routePrefix) {
        this.routePrefix = routePrefix;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The route that runs this flow for {@code shopId}. */
    public String routeId(String shopId) {
        return routePrefix == null ? STOCK_PRICES_ROUTE : routePrefix + shopId;
    }
}

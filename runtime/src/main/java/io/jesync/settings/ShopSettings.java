package io.jesync.settings;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.jesync.config.Secret;
import io.jesync.order.OrderFlowSettings;
import io.jesync.product.ProductSettings;
import io.jesync.reconcile.ReconciliationSettings;
import io.jesync.reversal.ReversalSettings;
import io.jesync.status.StatusFlowSettings;
import io.jesync.stock.StockPriceSettings;

/**
 * One shop's settings, all of them: its connection ({@link io.jesync.config.ShopSettings}) and every flow's record.
 * The flows see it through their own {@code ShopSettings} views; a shop adapter asks for a record by type.
 */
public record ShopSettings(
        String id,
        Platform platform,
        URI baseUrl,
        String clientId,
        Secret clientSecret,
        String scope,
        List<Integer> applicationIds,
        OrderFlowSettings orders,
        StatusFlowSettings status,
        ReversalSettings reversal,
        ProductSettings products,
        StockPriceSettings stockPrices,
        ReconciliationSettings reconciliation,
        Optional<Secret> jobWebhookToken) implements io.jesync.admin.ShopSettings {

    public ShopSettings {
        applicationIds = List.copyOf(applicationIds);
    }

    @Override
    public <T> T flow(Class<T> type) {
        for (Object settings : new Object[] {orders, status, reversal, products, stockPrices, reconciliation}) {
            if (type.isInstance(settings)) {
                return type.cast(settings);
            }
        }
        throw new IllegalArgumentException("shop " + id + " has no " + type.getSimpleName());
    }
}

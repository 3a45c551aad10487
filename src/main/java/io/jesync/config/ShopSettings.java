package io.jesync.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.jesync.order.OrderFlowSettings;
import io.jesync.product.ProductSettings;
import io.jesync.reconcile.ReconciliationSettings;
import io.jesync.reversal.ReversalSettings;
import io.jesync.status.StatusFlowSettings;
import io.jesync.stock.StockPriceSettings;

/**
 * One shop or sales channel set of the multishop runtime. {@code applicationIds} are the Norce applications
 * (channels) this shop's flows read and write; {@code scope} is the Norce environment name the OAuth token is
 * requested for (playground, stage, prod). {@code jobWebhookToken} is the secret the platform's "import job
 * completed" webhook must carry; without it the runtime follows its import jobs by polling alone.
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
        Optional<Secret> jobWebhookToken) {

    public enum Platform {
        NORCE
    }

    public ShopSettings {
        applicationIds = List.copyOf(applicationIds);
    }
}

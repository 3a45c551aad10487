package io.jesync.shop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.findings.PreflightFindings;

/**
 * The catalogue and the tenant check that {@link ShopPlatforms} hands out go to the platform of the shop each call
 * names, so a shop the runtime did not connect is refused before anything is sent, naming the shop.
 */
class ShopPlatformsTest {
    private final RuntimeSettings settings = RuntimeSettings.load(new ConfigSource(Map.of(
            "app.environment", "demo", "app.instance-id", "test-instance", "shops", "se,no"), Map.of(), Map.of(),
            "test"));
    private final ShopSettings se = settings.shops().get(0);
    private final ShopSettings no = settings.shops().get(1);
    private final ShopPlatforms onlySe = ShopPlatforms.connect(List.of(se), HttpClient.newHttpClient(),
            settings.shopClient().readTimeout(), Clock.systemUTC());

    @Test
    void the_catalogue_refuses_a_shop_it_was_not_connected_for() {
        ShopCatalog catalog = onlySe.catalog(duration -> { });

        assertThatThrownBy(() -> catalog.products().changedSince(no, Instant.EPOCH))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shop no ");
        assertThatThrownBy(() -> catalog.stockAndPrices().setStock(no, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shop no ");
    }

    @Test
    void the_tenant_check_refuses_a_shop_it_was_not_connected_for() {
        assertThatThrownBy(() -> onlySe.tenantCheck().check(no, new PreflightFindings()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shop no ");
    }
}

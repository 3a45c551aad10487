package io.jesync.config;

import java.util.List;

/**
 * The settings every package may read, whatever flows run: the environment, this instance, the database, the
 * e-conomic agreement, the simulators and the shops (as {@link ShopSettings}). Each package that needs a flow's
 * settings extends this with its own {@code RuntimeSettings} view; the aggregate
 * {@code io.jesync.settings.RuntimeSettings} reads and holds them all.
 */
public interface RuntimeSettings {
    String DEMO_SHOP_CLIENT_ID = "demo-shop-client";
    Secret DEMO_SHOP_CLIENT_SECRET = Secret.of("demo-shop-secret");
    Secret DEMO_APP_SECRET_TOKEN = Secret.of("demo-app-secret-token");
    Secret DEMO_AGREEMENT_GRANT_TOKEN = Secret.of("demo-agreement-grant-token");

    Environment environment();

    String instanceId();

    StoreSettings store();

    EconomicSettings economic();

    SimulatorSettings simulators();

    SyncMode syncMode();

    List<? extends ShopSettings> shops();

    ShopClientSettings shopClient();

    default boolean demo() {
        return environment() == Environment.DEMO;
    }
}

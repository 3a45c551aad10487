package io.jesync.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting the runtime needs, read and checked once at start-up. Loading either returns complete,
 * valid settings or throws one {@link ConfigurationException} naming the first bad key, so nothing starts
 * half-configured.
 *
 * <p>In demo mode the remote systems are the built-in simulators: base URLs and credentials are theirs and
 * need not be set. In live mode every URL and credential must be given and well-formed.
 */
public record RuntimeSettings(
        Environment environment,
        String instanceId,
        AdminSettings admin,
        StoreSettings store,
        EconomicSettings economic,
        SimulatorSettings simulators,
        SyncMode syncMode,
        List<ShopSettings> shops,
        StockSyncSettings stockSync,
        AlertSettings alerts) {

    private static final Pattern SHOP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** The public demo agreement's tokens: read-only, so useless for a live runtime that writes invoices. */
    private static final String PUBLIC_DEMO_TOKEN = "demo";
    public static final String DEMO_SHOP_CLIENT_ID = "demo-shop-client";
    public static final Secret DEMO_SHOP_CLIENT_SECRET = Secret.of("demo-shop-secret");
    public static final Secret DEMO_APP_SECRET_TOKEN = Secret.of("demo-app-secret-token");
    public static final Secret DEMO_AGREEMENT_GRANT_TOKEN = Secret.of("demo-agreement-grant-token");

    public RuntimeSettings {
        shops = List.copyOf(shops);
    }

    public boolean demo() {
        return environment == Environment.DEMO;
    }

    public static RuntimeSettings load(ConfigSource source) {
        Environment environment = parseEnvironment(source);
        boolean live = environment == Environment.LIVE;
        String instanceId = source.get("app.instance-id").orElseGet(RuntimeSettings::hostName);

        AdminSettings admin = AdminSettings.load(source, live);
        StoreSettings store = store(source);
        SimulatorSettings simulators = new SimulatorSettings(SettingReader.port(source, "simulator.economic.port", 8081),
                SettingReader.port(source, "simulator.norce.port", 8082), SettingReader.longValue(source, "simulator.seed", 4711L),
                SettingReader.nonNegativeDecimal(source, "demo.orders-per-minute", 6.0),
                SettingReader.nonNegativeInt(source, "demo.accountant-interval-seconds", 20));
        EconomicSettings economic = economic(source, live, simulators);
        SyncMode syncMode = SyncMode.parse(source);
        List<ShopSettings> shops = shops(source, live, simulators, syncMode);
        return new RuntimeSettings(environment, instanceId, admin, store, economic, simulators, syncMode, shops,
                StockSyncSettings.load(source, live, simulators), AlertSettings.load(source));
    }

    private static Environment parseEnvironment(ConfigSource source) {
        String value = source.get("app.environment").orElse("demo");
        try {
            return Environment.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("app.environment", "'" + value + "' is neither demo nor live");
        }
    }

    private static StoreSettings store(ConfigSource source) {
        String url = source.get("store.jdbc-url").orElse("jdbc:h2:file:./data/jesync;WRITE_DELAY=0");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("store.jdbc-url", "must be an H2 (jdbc:h2:...) or PostgreSQL "
                    + "(jdbc:postgresql://...) URL, got a '" + scheme(url) + "' URL");
        }
        return new StoreSettings(url, source.get("store.username").orElse("sa"), source.secret("store.password"));
    }

    private static EconomicSettings economic(ConfigSource source, boolean live, SimulatorSettings simulators) {
        URI baseUrl;
        Secret appSecret;
        Secret grant;
        if (live) {
            baseUrl = SettingReader.url(source, "economic.base-url", true).orElseThrow();
            appSecret = SettingReader.requiredSecret(source, "economic.app-secret-token");
            grant = SettingReader.requiredSecret(source, "economic.agreement-grant-token");
            if (PUBLIC_DEMO_TOKEN.equals(appSecret.reveal()) || PUBLIC_DEMO_TOKEN.equals(grant.reveal())) {
                throw new ConfigurationException("economic.app-secret-token", "the public 'demo' tokens are read-only;"
                        + " live mode needs the agreement's own app secret and grant tokens");
            }
        } else {
            baseUrl = URI.create("http://127.0.0.1:" + simulators.economicPort());
            appSecret = DEMO_APP_SECRET_TOKEN;
            grant = DEMO_AGREEMENT_GRANT_TOKEN;
        }
        return new EconomicSettings(baseUrl, appSecret, grant,
                SettingReader.positiveInt(source, "economic.daily-call-budget", 50_000),
                Duration.ofSeconds(SettingReader.positiveInt(source, "economic.connect-timeout-seconds", 5)),
                Duration.ofSeconds(SettingReader.positiveInt(source, "economic.read-timeout-seconds", 30)));
    }

    private static List<ShopSettings> shops(ConfigSource source, boolean live, SimulatorSettings simulators,
            SyncMode syncMode) {
        String list = source.get("shops").orElseThrow(() -> new ConfigurationException("shops",
                "is missing: list the shop ids, e.g. shops=se,no"));
        Set<String> ids = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String id = raw.trim();
            if (!SHOP_ID.matcher(id).matches()) {
                throw new ConfigurationException("shops", "'" + id + "' is not a valid shop id (lower-case letters,"
                        + " digits and dashes, at most 40)");
            }
            if (!ids.add(id)) {
                throw new ConfigurationException("shops", "the shop id '" + id + "' is listed twice");
            }
        }
        List<ShopSettings> shops = new ArrayList<>();
        for (String id : ids) {
            String prefix = "shop." + id + ".";
            String platformName = source.get(prefix + "platform").orElse("norce");
            ShopSettings.Platform platform;
            try {
                platform = ShopSettings.Platform.valueOf(platformName.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(prefix + "platform", "'" + platformName + "' is not a supported "
                        + "platform (supported: norce)");
            }
            List<Integer> applicationIds = SettingReader.intList(source, prefix + "application-ids");
            OrderFlowSettings orders = OrderFlowSettings.load(source, id, syncMode == SyncMode.ERP_MASTER
                    ? OrderFlowSettings.MissingArticle.PARK : OrderFlowSettings.MissingArticle.CREATE, applicationIds);
            StatusFlowSettings status = StatusFlowSettings.load(source, id, !live, orders.documentType());
            ReversalSettings reversal = ReversalSettings.load(source, id, !live);
            ReconciliationSettings reconciliation = ReconciliationSettings.load(source, id);
            StockPriceSettings stockPrices = StockPriceSettings.load(source, id, !live, syncMode);
            ProductSettings products = ProductSettings.load(source, id, syncMode, orders.productGroupByVatRate(),
                    !live);
            if (live) {
                shops.add(new ShopSettings(id, platform, SettingReader.url(source, prefix + "base-url", true).orElseThrow(),
                        SettingReader.required(source, prefix + "client-id"), SettingReader.requiredSecret(source, prefix + "client-secret"),
                        scope(source, prefix + "scope"), applicationIds, orders, status, reversal, products, stockPrices,
                        reconciliation));
            } else {
                shops.add(new ShopSettings(id, platform, URI.create("http://127.0.0.1:" + simulators.norcePort()),
                        DEMO_SHOP_CLIENT_ID, DEMO_SHOP_CLIENT_SECRET, "playground", applicationIds, orders, status, reversal, products, stockPrices,
                        reconciliation));
            }
        }
        return shops;
    }

    /** Norce's token scope is the environment: playground, stage or prod (Norce's OAuth documentation). */
    private static String scope(ConfigSource source, String key) {
        String scope = source.get(key).orElse("prod").strip();
        if (!Set.of("playground", "stage", "prod").contains(scope)) {
            throw new ConfigurationException(key, "'" + scope + "' is not a Norce environment: use playground, stage"
                    + " or prod");
        }
        return scope;
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
        return colon < 0 ? url : url.substring(0, colon);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "instance-" + ProcessHandle.current().pid();
        }
    }
}

package io.jesync.settings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.jesync.admin.AdminSettings;
import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.EconomicSettings;
import io.jesync.config.Environment;
import io.jesync.config.RetentionSettings;
import io.jesync.config.Secret;
import io.jesync.config.SettingReader;
import io.jesync.config.ShopClientSettings;
import io.jesync.config.SimulatorSettings;
import io.jesync.config.StoreSettings;
import io.jesync.config.SyncMode;
import io.jesync.alert.AlertSettings;
import io.jesync.order.OrderFlowSettings;
import io.jesync.product.ProductSettings;
import io.jesync.reconcile.ReconciliationSettings;
import io.jesync.reversal.ReversalSettings;
import io.jesync.simulator.DemoCatalog;
import io.jesync.payment.PaymentSettings;
import io.jesync.status.StatusFlowSettings;
import io.jesync.stock.StockPriceSettings;
import io.jesync.stock.StockSyncSettings;

/**
 * Every setting the runtime needs, read and checked once at start-up: the flow-neutral settings ({@code config}) and
 * each flow's own records, each read by its flow's {@code load}. The composition root hands it out; every package
 * sees it through its own {@code RuntimeSettings} view, which names only what that package reads. Loading either
 * returns complete, valid settings or throws one {@link ConfigurationException} listing every bad key, so nothing
 * starts half-configured.
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
        AlertSettings alerts,
        PaymentSettings.Shops payments,
        ShopClientSettings shopClient)
        implements io.jesync.admin.RuntimeSettings, io.jesync.demo.RuntimeSettings {

    private static final Pattern SHOP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** The public demo agreement's tokens: read-only, so useless for a live runtime that writes invoices. */
    private static final String PUBLIC_DEMO_TOKEN = "demo";

    public RuntimeSettings {
        shops = List.copyOf(shops);
    }

    /**
     * Reads every setting. Every problem of the start is collected; the load fails at the end with all of them
     * (one line each), so an operator fixes the file once rather than once per restart. A key under one of the
     * runtime's prefixes that no setting knows is one of them, named with the known key nearest to it.
     */
    public static RuntimeSettings load(ConfigSource source) {
        Environment environment = source.attempt(() -> parseEnvironment(source), Environment.DEMO);
        boolean live = environment == Environment.LIVE;
        String instanceId = source.get("app.instance-id").orElseGet(RuntimeSettings::hostName);

        AdminSettings admin = source.attempt(() -> AdminSettings.load(source, live), null);
        StoreSettings store = source.attempt(() -> store(source), null);
        SimulatorSettings simulators = new SimulatorSettings(SettingReader.port(source, "simulator.economic.port", 8081),
                SettingReader.port(source, "simulator.norce.port", 8082), SettingReader.longValue(source, "simulator.seed", 4711L),
                SettingReader.nonNegativeDecimal(source, "demo.orders-per-minute", 6.0),
                SettingReader.nonNegativeInt(source, "demo.accountant-interval-seconds", 20));
        EconomicSettings economic = source.attempt(() -> economic(source, live, simulators), null);
        SyncMode syncMode = source.attempt(() -> SyncMode.parse(source), SyncMode.COMBO);
        List<ShopSettings> shops = shops(source, live, simulators, syncMode);
        StockSyncSettings stockSync = source.attempt(() -> StockSyncSettings.load(source, live, simulators), null);
        AlertSettings alerts = source.attempt(() -> AlertSettings.load(source), null);
        PaymentSettings.Shops payments = source.attempt(() -> PaymentSettings.loadAll(source, shops, !live), null);
        ShopClientSettings shopClient = source.attempt(() -> ShopClientSettings.load(source), null);
        // Read by Bootstrap when it hands Camel its settings, and by the other environment.
        source.declare("plugins.routes-dir", "economic.base-url", "economic.openapi-base-url",
                "economic.app-secret-token", "economic.app-secret-token-file", "economic.agreement-grant-token",
                "economic.agreement-grant-token-file");
        Set<String> prefixes = new LinkedHashSet<>(List.of("app.", "admin.", "alerts.", "store.", "economic.",
                "sync.", "stock-prices.", "simulator.", "demo.", "plugins.", "norce."));
        shops.forEach(shop -> prefixes.add("shop." + shop.id() + "."));
        source.reportUnknownKeys(prefixes);
        source.failOnProblems();
        return new RuntimeSettings(environment, instanceId, admin, store, economic, simulators, syncMode, shops,
                stockSync, alerts, payments, shopClient);
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
        return new StoreSettings(url, source.get("store.username").orElse("sa"), source.secret("store.password"),
                RetentionSettings.load(source));
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
                source.report(new ConfigurationException("economic.app-secret-token", "the public 'demo' tokens are read-only;"
                        + " live mode needs the agreement's own app secret and grant tokens"));
            }
        } else {
            baseUrl = URI.create("http://127.0.0.1:" + simulators.economicPort());
            appSecret = DEMO_APP_SECRET_TOKEN;
            grant = DEMO_AGREEMENT_GRANT_TOKEN;
        }
        int probeBase = SettingReader.positiveInt(source, "economic.outage.probe-base-seconds",
                (int) EconomicSettings.DEFAULT_OUTAGE_PROBE_BASE.toSeconds());
        int probeCap = SettingReader.positiveInt(source, "economic.outage.probe-cap-seconds",
                (int) EconomicSettings.DEFAULT_OUTAGE_PROBE_CAP.toSeconds());
        return new EconomicSettings(baseUrl, appSecret, grant,
                SettingReader.positiveInt(source, "economic.daily-call-budget", 50_000),
                Duration.ofSeconds(SettingReader.positiveInt(source, "economic.connect-timeout-seconds", 5)),
                Duration.ofSeconds(SettingReader.positiveInt(source, "economic.read-timeout-seconds", 30)),
                Duration.ofSeconds(probeBase), Duration.ofSeconds(Math.max(probeBase, probeCap)));
    }

    private static List<ShopSettings> shops(ConfigSource source, boolean live, SimulatorSettings simulators,
            SyncMode syncMode) {
        Set<String> ids = source.attempt(() -> shopIds(source), Set.of());
        List<ShopSettings> shops = new ArrayList<>();
        for (String id : ids) {
            String prefix = "shop." + id + ".";
            ShopSettings.Platform platform = source.attempt(() -> ShopSettings.Platform.read(source, prefix), ShopSettings.Platform.NORCE);
            // Demo mode's shop is the simulator's, with its channels; a live shop names its own.
            List<Integer> applicationIds = live || source.get(prefix + "application-ids").isPresent()
                    ? SettingReader.intList(source, prefix + "application-ids")
                    : DemoCatalog.CHANNELS.stream().map(DemoCatalog.Channel::applicationId).toList();
            OrderFlowSettings orders = source.attempt(() -> OrderFlowSettings.load(source, id,
                    syncMode == SyncMode.ERP_MASTER ? OrderFlowSettings.MissingArticle.PARK
                            : OrderFlowSettings.MissingArticle.CREATE, applicationIds), null);
            OrderFlowSettings.DocumentType documentType = orders == null ? OrderFlowSettings.DocumentType.DRAFT_INVOICE
                    : orders.documentType();
            StatusFlowSettings status = source.attempt(() -> StatusFlowSettings.load(source, id, !live, documentType),
                    null);
            ReversalSettings reversal = source.attempt(() -> ReversalSettings.load(source, id, !live), null);
            ReconciliationSettings reconciliation = source.attempt(() -> ReconciliationSettings.load(source, id), null);
            StockPriceSettings stockPrices = source.attempt(() -> StockPriceSettings.load(source, id, !live, syncMode),
                    null);
            ProductSettings products = orders == null ? null : source.attempt(() -> ProductSettings.load(source, id,
                    syncMode, orders.productGroupByVatRate(), !live), null);
            source.declare(prefix + "base-url", prefix + "client-id", prefix + "scope", prefix + "client-secret",
                    prefix + "client-secret-file", prefix + "job-webhook-token", prefix + "job-webhook-token-file");
            Optional<Secret> jobWebhookToken = source.attempt(() -> source.secret(prefix + "job-webhook-token"),
                    Optional.empty());
            if (live) {
                shops.add(new ShopSettings(id, platform, SettingReader.url(source, prefix + "base-url", true).orElseThrow(),
                        SettingReader.required(source, prefix + "client-id"), SettingReader.requiredSecret(source, prefix + "client-secret"),
                        source.attempt(() -> scope(source, prefix + "scope"), "prod"), applicationIds, orders, status, reversal, products, stockPrices,
                        reconciliation, jobWebhookToken));
            } else {
                shops.add(new ShopSettings(id, platform, URI.create("http://127.0.0.1:" + simulators.norcePort()),
                        DEMO_SHOP_CLIENT_ID, DEMO_SHOP_CLIENT_SECRET, "playground", applicationIds, orders, status, reversal, products, stockPrices,
                        reconciliation, jobWebhookToken));
            }
        }
        return shops;
    }

    private static Set<String> shopIds(ConfigSource source) {
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
        return ids;
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

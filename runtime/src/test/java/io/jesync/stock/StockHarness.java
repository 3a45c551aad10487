package io.jesync.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.simulator.DemoCatalog;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.shop.norce.NorceCatalog;
import io.jesync.shop.norce.NorceCatalogWriter;
import io.jesync.shop.norce.NorceConnection;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.simulator.norce.NorceStore;
import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.testsupport.TestDatabases;

/**
 * The stock and price flow in-process against both simulators and a real store, on one movable clock: every wait
 * (job polls, back-off, throttling) moves the clock, so days of schedule run in seconds and a seed repeats a run.
 * One shop {@code se}, stock at MAIN/MAIN and the price lists the test names. The clock starts at a fixed instant
 * (06:00 UTC unless given), so the day's remaining budget, and with it the pacing, repeats exactly.
 */
final class StockHarness implements AutoCloseable {
    final SimClock clock;
    final EconomicSimulator economic;
    final NorceSimulator norce;
    final Database database;
    final RuntimeSettings settings;
    final EconomicClient client;
    final StockPriceAssembly assembly;
    final NorceCatalogWriter writer;

    StockHarness(Path tempDir, Map<String, String> extraSettings) {
        this(tempDir, extraSettings, Instant.parse("2026-09-01T06:00:00Z"));
    }

    StockHarness(Path tempDir, Map<String, String> extraSettings, Instant start) {
        this(tempDir, extraSettings, start, io.jesync.plugin.PluginPoints.NONE);
    }

    /** @param plugins the stock-mapped and price-mapped plugins the flow calls */
    StockHarness(Path tempDir, Map<String, String> extraSettings, io.jesync.plugin.PluginPoints plugins) {
        this(tempDir, extraSettings, Instant.parse("2026-09-01T06:00:00Z"), plugins);
    }

    StockHarness(Path tempDir, Map<String, String> extraSettings, Instant start, io.jesync.plugin.PluginPoints plugins) {
        clock = new SimClock(java.time.Clock.fixed(start, java.time.ZoneOffset.UTC));
        economic = new EconomicSimulator(0, 7L, clock, RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal(),
                RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal());
        norce = NorceSimulator.demo(0, 7L, clock, RuntimeSettings.DEMO_SHOP_CLIENT_ID,
                RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal());
        economic.start();
        norce.start();
        Map<String, String> file = new HashMap<>();
        file.put("app.environment", "demo");
        file.put("app.instance-id", "test-instance");
        file.put("shops", "se");
        file.put("shop.se.application-ids", "1001,1002");
        file.put("simulator.economic.port", Integer.toString(economic.port()));
        file.put("simulator.norce.port", Integer.toString(norce.port()));
        file.put("shop.se.orders.enabled", "false");
        file.putAll(extraSettings);
        settings = RuntimeSettings.load(new ConfigSource(file, Map.of(), Map.of(), "test"));
        database = TestDatabases.fresh(TestDatabases.Kind.H2, tempDir);
        new Migrations(database).migrate();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        client = new EconomicClient(settings.economic(), http, new io.jesync.observe.ApiCallMeter(database, clock), clock,
                RateLimitGovernor.standard(clock, settings.economic().dailyCallBudget()), RetryPolicy.standard(),
                new SplittableRandom(11), clock::advance);
        writer = (NorceCatalogWriter) NorceCatalog.create(new NorceConnection(http, clock), clock, clock::advance)
                .stockAndPrices();
        assembly = StockPriceAssembly.create(settings, database, client, http, writer, clock, clock::advance, plugins);
    }

    StockPriceFlow flow() {
        return assembly.flow();
    }

    ShopSettings shop() {
        return settings.shops().get(0);
    }

    /** The same generated catalogue in e-conomic and in the shop. */
    void catalogue(int count, long seed) {
        // lastUpdated has whole seconds: the replaced demo products must not share a second with their new version.
        clock.advance(Duration.ofSeconds(2));
        economic.seedGeneratedArticles(count, seed);
        norce.loadArticles(DemoCatalog.generate(count, seed));
    }

    /** Ticks a schedule-minute apart until nothing waits for the shop; returns the ticks it took. */
    int tickUntilQuiet(int maxTicks) {
        for (int tick = 1; tick <= maxTicks; tick++) {
            flow().tick();
            if (flow().waiting("se") == 0) {
                return tick;
            }
            clock.advance(Duration.ofMinutes(1));
        }
        throw new AssertionError("values still waiting after " + maxTicks + " ticks: " + flow().waiting("se"));
    }

    /** A shop order the ledger holds in {@code state}, with its Norce snapshot. */
    void ledgerOrder(String orderNo, String state, String partNo, int quantity) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO order_ledger (shop_id, order_no, channel, "
                     + "state, created_at, updated_at, shop_order) VALUES ('se', ?, '1001', ?, ?, ?, ?)")) {
            insert.setString(1, orderNo);
            insert.setString(2, state);
            insert.setObject(3, java.time.OffsetDateTime.now());
            insert.setObject(4, java.time.OffsetDateTime.now());
            insert.setString(5, "{\"OrderNo\":\"" + orderNo + "\",\"Items\":[{\"PartNo\":\"" + partNo
                    + "\",\"QtyOrdered\":" + quantity + "}]}");
            insert.executeUpdate();
        }
    }

    /** What the order flow's CustomerResolver records when it creates or finds the e-conomic customer. */
    void bindCustomer(String shopCustomerKey, long economicCustomerNumber) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO customer_binding (shop_id, shop_customer_key, "
                     + "economic_customer_number, created_at) VALUES ('se', ?, ?, ?)")) {
            insert.setString(1, shopCustomerKey);
            insert.setLong(2, economicCustomerNumber);
            insert.setObject(3, java.time.OffsetDateTime.now());
            insert.executeUpdate();
        }
    }

    void ledgerState(String orderNo, String state) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE order_ledger SET state = ? WHERE order_no = ?")) {
            update.setString(1, state);
            update.setString(2, orderNo);
            update.executeUpdate();
        }
    }

    BigDecimal shopOnhand(String partNo) {
        return norce.store().onhand(partNo, NorceStore.WAREHOUSE, NorceStore.LOCATION)
                .map(NorceModel.Onhand::onhandValue).orElse(null);
    }

    BigDecimal shopPrice(String list, String partNo) {
        return norce.store().price(list, partNo).filter(NorceModel.SkuPrice::isActive)
                .map(NorceModel.SkuPrice::priceSale).orElse(null);
    }

    /** Checksum over (article, available stock, sales price) as e-conomic has them. */
    String economicChecksum() {
        StringBuilder text = new StringBuilder();
        for (EconomicProduct p : economic.products()) {
            text.append(p.productNumber()).append('|').append(plain(p.available().max(BigDecimal.ZERO))).append('|')
                    .append(expectedPrice(p)).append('\n');
        }
        return sha(text.toString());
    }

    /** The same checksum over what the shop holds: on-hand at MAIN/MAIN and the SE-B2C price. */
    String shopChecksum() {
        StringBuilder text = new StringBuilder();
        for (EconomicProduct p : economic.products()) {
            BigDecimal onhand = shopOnhand(p.productNumber());
            BigDecimal price = shopPrice(NorceStore.PRICE_LIST_SE_B2C, p.productNumber());
            text.append(p.productNumber()).append('|').append(onhand == null ? "-" : plain(onhand)).append('|')
                    .append(p.salesPrice().signum() == 0 ? "unpriced" : price == null ? "-"
                            : plain(price.setScale(2, RoundingMode.HALF_UP))).append('\n');
        }
        return sha(text.toString());
    }

    /** Articles whose shop values differ from e-conomic's, for a readable failure. */
    List<String> differences() {
        return economic.products().stream().filter(p -> {
            BigDecimal onhand = shopOnhand(p.productNumber());
            BigDecimal price = shopPrice(NorceStore.PRICE_LIST_SE_B2C, p.productNumber());
            return onhand == null || onhand.compareTo(p.available().max(BigDecimal.ZERO)) != 0
                    || p.salesPrice().signum() > 0 && (price == null || price.compareTo(p.salesPrice()) != 0);
        }).map(p -> p.productNumber() + " e-conomic " + p.available() + "/" + p.salesPrice() + " shop "
                + shopOnhand(p.productNumber()) + "/" + shopPrice(NorceStore.PRICE_LIST_SE_B2C, p.productNumber()))
                .limit(20).toList();
    }

    /** Norce ignores a price of 0, so an unpriced article keeps whatever the shop had. */
    private static String expectedPrice(EconomicProduct p) {
        return p.salesPrice().signum() == 0 ? "unpriced" : plain(p.salesPrice().setScale(2, RoundingMode.HALF_UP));
    }

    Instant now() {
        return clock.instant();
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        economic.close();
        norce.close();
        database.close();
    }

    /** The shop's parked stock, price and customer price-list rows, as "KIND key" → reason. */
    Map<String, String> parked(String shopId) {
        Map<String, String> parked = new java.util.TreeMap<>();
        for (io.jesync.store.ParkedItems.Item item : new io.jesync.store.ParkedItems(database).open(null, shopId, 10_000)) {
            if (java.util.Set.of("STOCK", "PRICE", "CUSTOMER_PRICE_LISTS").contains(item.kind())) {
                parked.put(item.kind() + " " + item.key(), item.reason());
            }
        }
        return parked;
    }
}

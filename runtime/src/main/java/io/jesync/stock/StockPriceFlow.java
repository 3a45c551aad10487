package io.jesync.stock;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jesync.backoff.Backoff;
import io.jesync.stock.StockPriceSettings.PriceListRule;
import io.jesync.stock.StockPriceSettings.PriceSource;
import io.jesync.economic.EconomicException;
import io.jesync.economic.Sleeper;
import io.jesync.shop.ShopCatalogPort;
import io.jesync.shop.ShopCatalogPort.PriceRow;
import io.jesync.shop.ShopCatalogPort.StockRow;
import io.jesync.shop.ShopStock;
import io.jesync.stock.EconomicCatalogReader.SpecialPrice;
import io.jesync.stock.ArticleSyncStore.DirtyValue;
import io.jesync.order.CustomerBindings;
import io.jesync.plugin.PluginException;
import io.jesync.store.WatermarkStore;

/**
 * Stock and prices from e-conomic to every shop that has them switched on. One {@link #tick()} reads what is due
 * from e-conomic once for all shops (the lastUpdated poll, webhook re-reads, the reconciliation, the price scan),
 * turns each reading into every shop's absolute values, and sends the shops what changed. Readings and values carry
 * e-conomic's timestamp and the store drops anything older than what it holds, so answers arriving out of order can
 * never bring an old figure back. A tick that fails halfway loses nothing: watermarks move only after their reads
 * are stored, and values stay queued until a shop has accepted them.
 */
public final class StockPriceFlow {
    static final String WATERMARK = "stock-lastupdated";
    static final String POLLED_AT = "stock-polled-at";
    static final String FULL_SCAN_AT = "stock-full-scan-at";
    static final String PRICE_SCAN_AT = "stock-price-scan-at";
    static final String CUSTOMER_SCAN_AT = "stock-customer-price-groups-at";
    /** The store keeps customer codes as article numbers, at most this long. */
    private static final int MAX_CUSTOMER_CODE = 64;
    private static final String ALL_SHOPS = "";
    private static final Logger LOG = LoggerFactory.getLogger(StockPriceFlow.class);
    private static final int PUSH_ATTEMPTS = 3;
    /** One second, then two: a push that fails three times waits for the next tick instead. */
    private static final Backoff PUSH_RETRIES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Backoff.Jitter.NONE);

    private final StockSyncSettings settings;
    private volatile java.util.function.BooleanSupplier stopping = () -> false;
    private final List<ShopSettings> shops;
    private final EconomicCatalogReader reader;
    private final ShopCatalogPort shop;
    private final ArticleSyncStore store;
    private final CustomerBindings customers;
    private final WatermarkStore marks;
    private final BudgetPacer pacer;
    private final BudgetView budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final StockPricePlugins plugins;
    private final FlowStats stats = new FlowStats();
    /** Daemon threads, so a stopping runtime never waits for them; idle ones end after a minute. */
    private final java.util.concurrent.ExecutorService imports;

    /** What the pacing needs to know about e-conomic's budget right now. */
    public interface BudgetView {
        long callsToday();

        int dailyBudget();

        /** Share of the token bucket in use (0..1); 0 before the first answer. */
        double bucketUsed();
    }

    public StockPriceFlow(StockSyncSettings settings, List<? extends ShopSettings> shops, EconomicCatalogReader reader,
                          ShopCatalogPort shop, ArticleSyncStore store, CustomerBindings customers,
                          WatermarkStore marks, BudgetView budget, Clock clock, Sleeper sleeper) {
        this(settings, shops, reader, shop, store, customers, marks, budget, clock, sleeper, StockPricePlugins.NONE);
    }

    public StockPriceFlow(StockSyncSettings settings, List<? extends ShopSettings> shops, EconomicCatalogReader reader,
                          ShopCatalogPort shop, ArticleSyncStore store, CustomerBindings customers,
                          WatermarkStore marks, BudgetView budget, Clock clock, Sleeper sleeper,
                          StockPricePlugins plugins) {
        this.plugins = plugins;
        this.settings = settings;
        this.shops = List.copyOf(shops.stream().filter(s -> s.stockPrices().enabled()).toList());
        this.reader = reader;
        this.shop = shop;
        this.store = store;
        this.customers = customers;
        this.marks = marks;
        this.pacer = new BudgetPacer(settings.pollInterval(), settings.maxPollInterval(), settings.budgetReserve());
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
                settings.parallelImports(), settings.parallelImports(), 1, java.util.concurrent.TimeUnit.MINUTES,
                new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "stock-price-import");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.imports = pool;
    }

    /**
     * Once {@code stopping} holds, a tick sends nothing more to the shops: with a shop that hangs, each import waits its
     * read timeout and is tried three times, so a tick over several shops would hold the runtime's stop for minutes.
     * What was not sent stays queued for the next start.
     */
    public void stopSendingWhen(java.util.function.BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    public FlowStats stats() {
        return stats;
    }

    public List<ShopSettings> shops() {
        return shops;
    }

    /** Records a webhook's "this product changed"; the next tick re-reads it. */
    public void productChanged(String productNumber) {
        store.markReread(productNumber);
    }

    /** One run of the schedule, its steps in one call. Returns the pacing decision it ran under. */
    public synchronized BudgetPacer.Decision tick() {
        Tick tick = paceTick();
        readEconomic(tick);
        return pushToShops(tick);
    }

    /** One tick on its way through the steps, carried in the route's exchange. */
    public static final class Tick {
        private final Instant now;
        private final long callsBefore;
        private final BudgetPacer.Decision pacing;
        private final Map<String, Map<String, BigDecimal>> pending;

        private Tick(Instant now, long callsBefore, BudgetPacer.Decision pacing,
                     Map<String, Map<String, BigDecimal>> pending) {
            this.now = now;
            this.callsBefore = callsBefore;
            this.pacing = pacing;
            this.pending = pending;
        }

        @Override
        public String toString() {
            return "stock and price tick at " + now + " under " + pacing;
        }
    }

    /** Step {@code pace-tick}: what the day's budget allows this tick, and what is waiting to be sent. */
    public Tick paceTick() {
        Instant now = clock.instant();
        long callsBefore = reader.calls();
        BudgetPacer.Decision pacing = pacer.decide(now, budget.callsToday(), budget.dailyBudget(), budget.bucketUsed(),
                stats.pollCost(), stats.fullScanCost(), stats.priceScanCost());
        stats.pacing(pacing);
        return new Tick(now, callsBefore, pacing, pendingByShop());
    }

    /**
     * Step {@code read-economic}: the full scan, poll, re-reads and price scans that are due and allowed. Reading
     * failing only waits for the next tick; the shops still get what is queued.
     */
    public void readEconomic(Tick tick) {
        Instant now = tick.now;
        BudgetPacer.Decision pacing = tick.pacing;
        Map<String, Map<String, BigDecimal>> pending = tick.pending;
        try {
            Optional<Instant> watermark = marks.getInstant(WATERMARK, ALL_SHOPS);
            boolean fullDue = watermark.isEmpty() || due(FULL_SCAN_AT, settings.fullScanInterval(), now);
            if (fullDue && (watermark.isEmpty() || pacing.fullScanAllowed())) {
                fullScan(now, pending);
            } else {
                if (fullDue) {
                    stats.fullScanSkipped();
                }
                if (due(POLLED_AT, pacing.pollInterval(), now)) {
                    poll(watermark.get(), now, pending);
                }
            }
            rereads(pending);
            if (needsPriceScan() && due(PRICE_SCAN_AT, settings.priceScanInterval(), now)) {
                if (pacing.priceScanAllowed()) {
                    priceScan(now);
                } else {
                    stats.priceScanSkipped();
                }
            }
            // Membership changes as rarely as special prices: the same interval and the same budget gate.
            if (shops.stream().anyMatch(s -> s.stockPrices().customerPriceLists())
                    && due(CUSTOMER_SCAN_AT, settings.priceScanInterval(), now) && pacing.priceScanAllowed()) {
                customerPriceGroups(now);
            }
        } catch (EconomicException e) {
            // The shops still get what is queued; e-conomic is read again on the next tick.
            LOG.warn("Stock and prices: reading e-conomic failed, tried again next tick: {}", e.summary());
            stats.economicFailure(e.summary());
        }
    }

    /** Step {@code push-to-shops}: every shop gets its changed stock and prices. Returns the tick's pacing. */
    public BudgetPacer.Decision pushToShops(Tick tick) {
        for (ShopSettings s : shops) {
            refreshPending(s, tick.pending.get(s.id()));
            if (!stopping.getAsBoolean()) {
                push(s);
            }
        }
        stats.tickCalls(reader.calls() - tick.callsBefore);
        return tick.pacing;
    }

    private boolean due(String mark, Duration interval, Instant now) {
        return marks.getInstant(mark, ALL_SHOPS).map(last -> !now.isBefore(last.plus(interval))).orElse(true);
    }

    // ---- reading e-conomic

    private void poll(Instant watermark, Instant now, Map<String, Map<String, BigDecimal>> pending) {
        long before = reader.calls();
        Instant newest = reader.changedSince(watermark.minus(settings.overlap()), page -> apply(page, pending));
        marks.advance(WATERMARK, ALL_SHOPS, newest);
        marks.advance(POLLED_AT, ALL_SHOPS, now);
        stats.polled(reader.calls() - before);
    }

    /**
     * Every product, compared with what each shop was sent. Also the first read: the lastUpdated watermark starts at
     * the scan's start, so a product that changes while the scan runs is read again by the next poll.
     */
    private void fullScan(Instant now, Map<String, Map<String, BigDecimal>> pending) {
        long before = reader.calls();
        reader.all(page -> apply(page, pending));
        marks.advance(WATERMARK, ALL_SHOPS, now);
        marks.advance(FULL_SCAN_AT, ALL_SHOPS, now);
        marks.advance(POLLED_AT, ALL_SHOPS, now);
        stats.fullScanned(reader.calls() - before);
    }

    /**
     * Products the webhook named. A mass change in e-conomic fires one webhook per product; beyond the per-tick cap
     * the lastUpdated poll (1000 per call) is cheaper than single reads, so the marks are left to it and cleared.
     */
    private void rereads(Map<String, Map<String, BigDecimal>> pending) {
        List<String> articles = store.rereads(settings.maxRereadsPerTick() + 1);
        if (articles.isEmpty()) {
            return;
        }
        Instant started = clock.instant();
        if (articles.size() > settings.maxRereadsPerTick()) {
            marks.getInstant(WATERMARK, ALL_SHOPS).ifPresent(w ->
                    poll(w, started, pending));
            store.clearRereads(articles, started);
            return;
        }
        List<ArticleReading> readings = new ArrayList<>();
        for (String article : articles) {
            reader.one(article).ifPresent(readings::add);
        }
        apply(readings, pending);
        store.clearRereads(articles, started);
    }

    private boolean needsPriceScan() {
        return shops.stream().filter(s -> s.stockPrices().pricesEnabled())
                .flatMap(s -> s.stockPrices().priceLists().stream()).anyMatch(l -> l.source() != PriceSource.BASE);
    }

    /** Currency prices and price-group special prices: no lastUpdated, so they are read whole at a low rate. */
    private void priceScan(Instant started) {
        long before = reader.calls();
        Set<String> currencies = new HashSet<>();
        Set<Integer> groups = new HashSet<>();
        for (ShopSettings s : shops) {
            if (!s.stockPrices().pricesEnabled()) {
                continue;
            }
            for (PriceListRule list : s.stockPrices().priceLists()) {
                if (list.source() == PriceSource.CURRENCY) {
                    currencies.add(list.currency());
                } else if (list.source() == PriceSource.PRICE_GROUP) {
                    groups.add(list.priceGroup());
                }
            }
        }
        Map<String, Map<String, BigDecimal>> currencyPrices = currencies.isEmpty() ? Map.of()
                : reader.currencyPrices(currencies);
        Map<Integer, Map<String, SpecialPrice>> specials = new HashMap<>();
        for (int group : groups) {
            specials.put(group, reader.specialPrices(group));
        }
        Map<String, ArticleReading> products = store.allReadings();
        for (ShopSettings s : shops) {
            if (!s.stockPrices().pricesEnabled()) {
                continue;
            }
            List<ShopArticleValue> values = new ArrayList<>();
            for (PriceListRule list : s.stockPrices().priceLists()) {
                String kind = ShopArticleValue.priceKind(list.code());
                if (list.source() == PriceSource.CURRENCY) {
                    currencyPrices.forEach((article, prices) -> {
                        BigDecimal net = prices.get(list.currency());
                        ArticleReading product = products.get(article);
                        if (net != null && product != null) {
                            values.add(price(kind, article, started, net, product, list, s.stockPrices()));
                        }
                    });
                } else if (list.source() == PriceSource.PRICE_GROUP) {
                    Map<String, SpecialPrice> group = specials.get(list.priceGroup());
                    group.forEach((article, special) -> {
                        ArticleReading product = products.get(article);
                        BigDecimal net = special.salesPriceBaseCurrency() != null ? special.salesPriceBaseCurrency()
                                : product != null && product.salesPrice() != null && special.discountPercentage() != null
                                ? PriceRules.discounted(product.salesPrice(), special.discountPercentage()) : null;
                        if (net != null && product != null) {
                            values.add(price(kind, article, started, net, product, list, s.stockPrices()));
                        }
                    });
                    for (String gone : store.articlesOfKind(s.id(), kind, PriceRules.INACTIVE)) {
                        if (!group.containsKey(gone)) {
                            values.add(new ShopArticleValue(kind, gone, started, PriceRules.INACTIVE, BigDecimal.ZERO));
                        }
                    }
                }
            }
            store.want(s.id(), plugged(s, values));
        }
        marks.advance(PRICE_SCAN_AT, ALL_SHOPS, started);
        stats.priceScanned(reader.calls() - before);
    }

    /**
     * Which price lists each bound shop customer should have: one listing of e-conomic's customers (1,000 per call)
     * gives every customer's price group; the shop's price-group lists ({@code source=price-group:N}) give the codes.
     * A customer that never had a mapped list is left alone, so lists assigned by hand in the shop are not taken away
     * by a first run; one that leaves its group gets its lists taken away.
     */
    private void customerPriceGroups(Instant started) {
        Map<Long, Integer> groups = reader.customerPriceGroups();
        for (ShopSettings s : shops) {
            if (!s.stockPrices().customerPriceLists()) {
                continue;
            }
            Map<Integer, List<String>> listsByGroup = new HashMap<>();
            for (PriceListRule list : s.stockPrices().priceLists()) {
                if (list.source() == PriceSource.PRICE_GROUP) {
                    listsByGroup.computeIfAbsent(list.priceGroup(), g -> new ArrayList<>()).add(list.code());
                }
            }
            Set<String> holding = new HashSet<>(store.articlesOfKind(s.id(), ShopArticleValue.CUSTOMER_PRICE_LISTS,
                    ShopArticleValue.NO_PRICE_LISTS));
            List<ShopArticleValue> values = new ArrayList<>();
            customers.boundCustomerCodes(s.id()).forEach((number, codes) -> {
                Integer group = groups.get(number);
                List<String> lists = group == null ? List.of() : listsByGroup.getOrDefault(group, List.of());
                String wanted = lists.isEmpty() ? ShopArticleValue.NO_PRICE_LISTS
                        : String.join(",", lists.stream().sorted().toList());
                for (String code : codes) {
                    if (code.length() > MAX_CUSTOMER_CODE) {
                        LOG.warn("Stock and prices: shop {} customer code {}... is longer than {} characters; its "
                                + "price lists are not synced", s.id(), code.substring(0, 16), MAX_CUSTOMER_CODE);
                    } else if (!lists.isEmpty() || holding.contains(code)) {
                        values.add(new ShopArticleValue(ShopArticleValue.CUSTOMER_PRICE_LISTS, code, started, wanted,
                                BigDecimal.ZERO));
                    }
                }
            });
            store.want(s.id(), values);
        }
        marks.advance(CUSTOMER_SCAN_AT, ALL_SHOPS, started);
    }

    private static ShopArticleValue price(String kind, String article, Instant at, BigDecimal net,
                                          ArticleReading product, PriceListRule list, StockPriceSettings rules) {
        return new ShopArticleValue(kind, article, at, PriceRules.canonical(
                PriceRules.shopPrice(net, rules.vatRate(product.productGroup()), list)), BigDecimal.ZERO);
    }

    /** Stores the readings (the newer ones win) and turns what was kept into every shop's values. */
    private void apply(List<ArticleReading> page, Map<String, Map<String, BigDecimal>> pending) {
        if (page.isEmpty()) {
            return;
        }
        List<ArticleReading> kept = store.ingest(page);
        stats.read(page.size(), page.size() - kept.size());
        for (ShopSettings s : shops) {
            store.want(s.id(), plugged(s, values(s, kept, pending.getOrDefault(s.id(), Map.of()))));
        }
    }

    private static List<ShopArticleValue> values(ShopSettings shop, List<ArticleReading> readings,
                                                 Map<String, BigDecimal> pending) {
        StockPriceSettings rules = shop.stockPrices();
        List<ShopArticleValue> values = new ArrayList<>();
        for (ArticleReading r : readings) {
            if (rules.stockEnabled()) {
                values.add(stockValue(r, pending.getOrDefault(r.articleNo(), BigDecimal.ZERO), rules));
            }
            // Norce ignores a price of 0: an article without a price in e-conomic keeps the shop's.
            if (rules.pricesEnabled() && r.salesPrice() != null && r.salesPrice().signum() > 0) {
                for (PriceListRule list : rules.priceLists()) {
                    if (list.source() == PriceSource.BASE) {
                        values.add(new ShopArticleValue(ShopArticleValue.priceKind(list.code()), r.articleNo(),
                                r.lastUpdated(), PriceRules.canonical(PriceRules.shopPrice(r.salesPrice(),
                                rules.vatRate(r.productGroup()), list)), BigDecimal.ZERO));
                    }
                }
            }
        }
        return values;
    }

    private static ShopArticleValue stockValue(ArticleReading r, BigDecimal pending, StockPriceSettings rules) {
        BigDecimal subtracted = rules.subtractPendingOrders() ? pending : BigDecimal.ZERO;
        return new ShopArticleValue(ShopArticleValue.ONHAND, r.articleNo(), r.lastUpdated(),
                StockRules.shopStock(r, subtracted, rules).canonical(), subtracted);
    }

    /**
     * The values as the stock-mapped and price-mapped plugins leave them, before they are queued. A value a plugin
     * failed on is parked with the plugin's name and not queued (the shop keeps what it had); the others go on.
     * With no plugin on either point the list is handed on as it is.
     */
    private List<ShopArticleValue> plugged(ShopSettings s, List<ShopArticleValue> values) {
        if (!plugins.active()) {
            return values;
        }
        Map<String, PriceListRule> lists = StockPricePlugins.lists(s.stockPrices());
        List<ShopArticleValue> plugged = new ArrayList<>(values.size());
        for (ShopArticleValue v : values) {
            try {
                plugged.add(plugins.apply(s, lists, v));
            } catch (PluginException e) {
                String code = StockPricePlugins.priceList(v);
                store.rejected(s.id(), new DirtyValue(v.kind(), v.articleNo(), v.wanted(), 0), "Article "
                        + v.articleNo() + (code == null ? "" : " in price list " + code) + ": " + e.getMessage()
                        + ". Fix the plugin or remove its file; the value is worked out again when it changes in e-conomic.");
                stats.rejected();
            }
        }
        return plugged;
    }

    // ---- shop orders not yet in e-conomic

    private Map<String, Map<String, BigDecimal>> pendingByShop() {
        Map<String, Map<String, BigDecimal>> pending = new HashMap<>();
        for (ShopSettings s : shops) {
            StockPriceSettings rules = s.stockPrices();
            Set<String> states = new LinkedHashSet<>();
            rules.pendingStates().forEach(state -> states.add(state.name()));
            pending.put(s.id(), rules.stockEnabled() && rules.subtractPendingOrders()
                    ? store.pendingOrderQuantities(s.id(), states) : Map.of());
        }
        return pending;
    }

    /**
     * An order reaching e-conomic (or a new one arriving) changes the quantity to subtract without e-conomic's product
     * changing: those articles are recomputed from their stored reading.
     */
    private void refreshPending(ShopSettings s, Map<String, BigDecimal> pending) {
        if (!s.stockPrices().stockEnabled() || pending == null) {
            return;
        }
        Map<String, BigDecimal> recorded = store.recordedPending(s.id());
        Set<String> changed = new HashSet<>();
        pending.forEach((article, qty) -> {
            if (qty.compareTo(recorded.getOrDefault(article, BigDecimal.ZERO)) != 0) {
                changed.add(article);
            }
        });
        recorded.keySet().stream().filter(a -> !pending.containsKey(a)).forEach(changed::add);
        if (changed.isEmpty()) {
            return;
        }
        List<ShopArticleValue> values = new ArrayList<>();
        for (ArticleReading r : store.readings(changed).values()) {
            values.add(stockValue(r, pending.getOrDefault(r.articleNo(), BigDecimal.ZERO), s.stockPrices()));
        }
        store.want(s.id(), plugged(s, values));
    }

    // ---- to the shop

    private void push(ShopSettings s) {
        if (s.stockPrices().stockEnabled()) {
            pushKind(s, ShopArticleValue.ONHAND, rows -> shop.setStock(s, rows.stream()
                    .map(v -> new StockRow(v.articleNo(), ShopStock.parse(v.wanted()))).toList()),
                    v -> v.articleNo());
        }
        if (s.stockPrices().pricesEnabled()) {
            Map<String, PriceListRule> lists = new HashMap<>();
            s.stockPrices().priceLists().forEach(l -> lists.put(l.code(), l));
            pushKind(s, ShopArticleValue.PRICE_PREFIX, rows -> shop.setPrices(s, rows.stream().map(v -> {
                String code = v.kind().substring(ShopArticleValue.PRICE_PREFIX.length());
                PriceListRule list = lists.get(code);
                String currency = list != null && list.source() == PriceSource.CURRENCY ? list.currency() : null;
                BigDecimal price = v.wanted().equals(PriceRules.INACTIVE) ? null : new BigDecimal(v.wanted());
                return new PriceRow(code, v.articleNo(), price, currency);
            }).toList()), v -> v.kind().substring(ShopArticleValue.PRICE_PREFIX.length()) + "/" + v.articleNo());
        }
        if (s.stockPrices().customerPriceLists()) {
            pushKind(s, ShopArticleValue.CUSTOMER_PRICE_LISTS, rows -> shop.setCustomerPriceLists(s, rows.stream()
                    .map(v -> new ShopCatalogPort.CustomerPriceListsRow(v.articleNo(),
                            v.wanted().equals(ShopArticleValue.NO_PRICE_LISTS) ? List.of()
                                    : List.of(v.wanted().split(",")))).toList()), DirtyValue::articleNo);
        }
    }

    @FunctionalInterface
    private interface Sender {
        ShopCatalogPort.Outcome send(List<DirtyValue> rows) throws IOException, InterruptedException;
    }

    /**
     * Sends the shop's queued values of one kind, a batch per import, up to {@code parallel-imports} imports of
     * distinct articles at once (each waits for its own Norce job). A batch the shop could not take is tried a few
     * times, then left queued for the next tick; the rows it refused are parked with the shop's reason. Every import
     * of a round is finished before the next round reads the queue, so two jobs never carry the same article.
     */
    private void pushKind(ShopSettings s, String kindPrefix, Sender sender,
                          java.util.function.Function<DirtyValue, String> problemKey) {
        int parallel = settings.parallelImports();
        long rounds = store.dirtyCount(s.id()) / ((long) settings.batchSize() * parallel) + 2;
        for (long round = 0; round < rounds && !stopping.getAsBoolean(); round++) {
            List<DirtyValue> queued = store.dirty(s.id(), kindPrefix, settings.batchSize() * parallel);
            if (queued.isEmpty()) {
                return;
            }
            List<List<DirtyValue>> batches = new ArrayList<>();
            for (int from = 0; from < queued.size(); from += settings.batchSize()) {
                batches.add(queued.subList(from, Math.min(queued.size(), from + settings.batchSize())));
            }
            List<Optional<ShopCatalogPort.Outcome>> outcomes = sendAll(s, batches, sender);
            boolean stalled = false;
            for (int b = 0; b < batches.size(); b++) {
                List<DirtyValue> batch = batches.get(b);
                Optional<ShopCatalogPort.Outcome> outcome = outcomes.get(b);
                if (outcome.isEmpty()) {
                    store.attempted(s.id(), batch);
                    stalled = true;
                    continue;
                }
                List<DirtyValue> accepted = new ArrayList<>();
                for (DirtyValue v : batch) {
                    String problem = outcome.get().rowProblems().get(problemKey.apply(v));
                    if (problem == null) {
                        accepted.add(v);
                    } else {
                        store.rejected(s.id(), v, "Shop " + s.id() + " refused " + describe(v) + ": " + problem);
                        stats.rejected();
                    }
                }
                store.pushed(s.id(), accepted);
                stats.pushed(accepted.size());
            }
            if (stalled) {
                return;
            }
        }
    }

    /** One batch on the calling thread; several side by side, the round done when every one of them is. */
    private List<Optional<ShopCatalogPort.Outcome>> sendAll(ShopSettings s, List<List<DirtyValue>> batches,
                                                            Sender sender) {
        if (batches.size() == 1) {
            return List.of(sendWithRetry(s, batches.get(0), sender));
        }
        List<java.util.concurrent.Future<Optional<ShopCatalogPort.Outcome>>> running = new ArrayList<>();
        for (List<DirtyValue> batch : batches) {
            running.add(imports.submit(() -> sendWithRetry(s, batch, sender)));
        }
        List<Optional<ShopCatalogPort.Outcome>> outcomes = new ArrayList<>();
        for (java.util.concurrent.Future<Optional<ShopCatalogPort.Outcome>> one : running) {
            try {
                outcomes.add(one.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(Optional.empty());
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Stock and prices: an import to shop {} failed: {}", s.id(), e.getCause().toString());
                outcomes.add(Optional.empty());
            }
        }
        return outcomes;
    }

    private Optional<ShopCatalogPort.Outcome> sendWithRetry(ShopSettings s, List<DirtyValue> batch, Sender sender) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(sender.send(batch));
            } catch (IOException e) {
                stats.shopFailure(e.getMessage());
                if (attempt >= PUSH_ATTEMPTS || stopping.getAsBoolean()) {
                    LOG.warn("Stock and prices: shop {} did not take {} values, tried again next tick: {}", s.id(),
                            batch.size(), e.getMessage());
                    return Optional.empty();
                }
                try {
                    sleeper.sleep(PUSH_RETRIES.ceiling(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static String describe(DirtyValue v) {
        if (v.kind().equals(ShopArticleValue.ONHAND)) {
            return "the stock of article " + v.articleNo() + " (" + v.wanted() + ")";
        }
        if (v.kind().equals(ShopArticleValue.CUSTOMER_PRICE_LISTS)) {
            return "the price lists of customer " + v.articleNo() + " (" + v.wanted() + ")";
        }
        return "the price of article " + v.articleNo() + " in price list "
                + v.kind().substring(ShopArticleValue.PRICE_PREFIX.length()) + " (" + v.wanted() + ")";
    }

    /** Values waiting for the shop; for the metrics. */
    public long waiting(String shopId) {
        return store.dirtyCount(shopId);
    }
}

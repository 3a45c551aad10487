package io.jesync.benchmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.demo.DemoAccountant;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.json.Json;
import io.jesync.observe.ApiCallMeter;
import io.jesync.order.BackoffSchedule;
import io.jesync.order.LedgerEntry;
import io.jesync.order.OrderFlow;
import io.jesync.order.OrderFlowAssembly;
import io.jesync.order.OrderState;
import io.jesync.payment.PaymentFlowAssembly;
import io.jesync.payment.PaymentReconciler;
import io.jesync.product.ProductFlowAssembly;
import io.jesync.reconcile.DayReconciler;
import io.jesync.reconcile.OrderReconciler;
import io.jesync.reconcile.Reconciliation;
import io.jesync.reconcile.ReconciliationStore;
import io.jesync.reversal.ReversalEntry;
import io.jesync.reversal.ReversalFlow;
import io.jesync.reversal.ReversalFlowAssembly;
import io.jesync.shop.IncomingOrder;
import io.jesync.shop.ShopCatalog;
import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.simulator.economic.EconomicSeed;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.status.EconomicStatusEvents;
import io.jesync.status.StatusFlowAssembly;
import io.jesync.stock.StockPriceAssembly;
import io.jesync.stock.StockPriceReconciler;
import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.store.WatermarkStore;
import io.jesync.store.WatermarkWindow;

/**
 * The reference merchant's whole day in one process: every flow as the runtime assembles it (orders, status back to
 * the shop, reversals, payments, products shop → e-conomic, stock and prices e-conomic → shop, the nightly
 * reconciliation) against both simulators on one movable clock, each flow called on its schedule in the order its
 * route calls it. A day at 100,000 articles does not run in minutes, so a warm-up is run first (the first full
 * stock and price push, documents reaching the accountant) and then a measured sample of whole hours at the day's
 * rates, scaled to 24 h; the once-a-day work (the stock flow's full scan, the nightly reconciliation) is measured
 * once in the same run and counted once. Every e-conomic request the simulator answers is attributed to the flow
 * that was running; the naive design doing the same work is counted from the same requests and the same state.
 */
final class MerchantDay implements AutoCloseable {
    static final int DAILY_BUDGET = 50_000;
    static final String SHOP = "se";
    private static final Duration TICK = Duration.ofMinutes(1);
    private static final Duration FLOW_INTERVAL = Duration.ofMinutes(5);
    private static final Duration BACK_OFFICE_INTERVAL = Duration.ofMinutes(30);
    private static final Duration NAIVE_STOCK_INTERVAL = Duration.ofMinutes(5);

    /**
     * @param ordersPerDay        shop orders a day, arriving at seeded random instants
     * @param articles            the catalogue, the same in e-conomic and the shop
     * @param changeSharePerHour  share of the articles whose stock or price changes in e-conomic each hour
     * @param productEditsPerDay  products the merchant edits in the shop a day (the product flow's work)
     * @param cancelShare         share of transferred orders the shop cancels afterwards
     * @param returnShare         share of invoiced orders of which the shop takes a line back
     * @param warmupHours         run before the sample, not counted
     * @param measuredHours       the sample, scaled to 24 h
     */
    record Options(int ordersPerDay, int articles, double changeSharePerHour, int productEditsPerDay,
                   double cancelShare, double returnShare, int warmupHours, int measuredHours) {
        static Options reference() {
            return new Options(800, 100_000, 0.01, 1_000, 0.02, 0.03, 2, 2);
        }

        Options withArticles(int count) {
            return new Options(ordersPerDay, count, changeSharePerHour, productEditsPerDay, cancelShare, returnShare,
                    warmupHours, measuredHours);
        }

        Options withOrders(int count) {
            return new Options(count, articles, changeSharePerHour, productEditsPerDay, cancelShare, returnShare,
                    warmupHours, measuredHours);
        }

        Options withReversals(double cancel, double giveBack) {
            return new Options(ordersPerDay, articles, changeSharePerHour, productEditsPerDay, cancel, giveBack,
                    warmupHours, measuredHours);
        }

        Options withHours(int warmup, int measured) {
            return new Options(ordersPerDay, articles, changeSharePerHour, productEditsPerDay, cancelShare,
                    returnShare, warmup, measured);
        }
    }

    /** One flow's e-conomic calls a day, beside the naive design's for the same work. */
    record FlowDay(String flow, double calls, double naive, String naiveDesign) {
    }

    /** What the day measured; {@code items} counts the work done in the sample, so a scenario that broke shows. */
    record Result(List<FlowDay> flows, Map<String, Long> items, Map<String, Map<String, Long>> endpoints,
                  double sampleHours, long wallSeconds, long initialPushSeconds) {
        double calls() {
            return flows.stream().mapToDouble(FlowDay::calls).sum();
        }

        double naive() {
            return flows.stream().mapToDouble(FlowDay::naive).sum();
        }
    }

    private final Options options;
    private final SimClock clock = new SimClock(java.time.Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"),
            ZoneOffset.UTC));
    private final EconomicSimulator economic;
    private final NorceSimulator norce;
    private final Database database;
    private final Path dir;
    private final OrderFlowAssembly orders;
    private final StatusFlowAssembly status;
    private final ReversalFlowAssembly reversals;
    private final PaymentFlowAssembly payments;
    private final ProductFlowAssembly products;
    private final StockPriceAssembly stock;
    private final Reconciliation reconciliation;
    private final DemoAccountant accountant;

    private final AtomicReference<String> running = new AtomicReference<>("none");
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    /** Per flow: e-conomic calls the naive design would make beyond the flow's own writes. */
    private final Map<String, LongAdder> naiveReads = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> items = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> endpoints = new ConcurrentHashMap<>();
    private volatile boolean counting;

    MerchantDay(Options options) throws IOException {
        this.options = options;
        economic = new EconomicSimulator(0, Benchmark.SEED, clock, RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal(),
                RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal());
        norce = NorceSimulator.demo(0, Benchmark.SEED, clock, RuntimeSettings.DEMO_SHOP_CLIENT_ID,
                RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal());
        economic.start();
        norce.start();
        // The budget is the figure; the bucket would only move the clock.
        economic.budget().configure(Integer.MAX_VALUE / 2, Benchmark.BUCKET_WINDOW);
        economic.addRequestListener(this::attribute);
        Map<String, String> file = new HashMap<>();
        file.put("app.environment", "demo");
        file.put("app.instance-id", "benchmark-day");
        file.put("shops", SHOP);
        file.put("shop.se.application-ids", "1001,1002");
        file.put("simulator.economic.port", Integer.toString(economic.port()));
        file.put("simulator.norce.port", Integer.toString(norce.port()));
        file.put("shop.se.status.enabled", "true");
        file.put("shop.se.reversal.enabled", "true");
        file.put("shop.se.payments.enabled", "true");
        file.put("shop.se.products.enabled", "true");
        file.put("shop.se.stock.enabled", "true");
        file.put("shop.se.prices.enabled", "true");
        file.put("shop.se.prices.lists", "SE-B2C");
        RuntimeSettings settings = RuntimeSettings.load(new ConfigSource(file, Map.of(), Map.of(), "benchmark"));
        dir = Files.createTempDirectory("jesync-benchmark-day");
        database = new Database("jdbc:h2:file:" + dir.resolve("jesync").toAbsolutePath(), "sa", "", 24);
        new Migrations(database).migrate();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ApiCallMeter meter = new ApiCallMeter(database, clock);
        EconomicClient client = new EconomicClient(settings.economic(), http, meter, clock,
                RateLimitGovernor.standard(clock, Integer.MAX_VALUE), RetryPolicy.standard(),
                new SplittableRandom(Benchmark.SEED), clock::advance);
        SplittableRandom random = new SplittableRandom(Benchmark.SEED);
        orders = OrderFlowAssembly.create(settings, database, client, http, clock, BackoffSchedule.defaults(), random);
        reversals = ReversalFlowAssembly.create(settings, database, client, orders, clock, BackoffSchedule.defaults(),
                random);
        status = StatusFlowAssembly.create(settings, database, orders.ledger(), reversals.ledger(), orders.shop(),
                new EconomicStatusEvents(client), (uri, body) -> null, clock, BackoffSchedule.defaults(), random);
        payments = PaymentFlowAssembly.create(settings, settings.payments().byShop(), database, client,
                orders.shop()::snapshot, clock, BackoffSchedule.defaults(), random);
        ShopCatalog catalog = orders.shop().catalog(clock::advance);
        products = ProductFlowAssembly.create(settings, database, client, catalog.products(), clock);
        stock = StockPriceAssembly.create(settings, database, client, http, catalog.stockAndPrices(), clock,
                clock::advance);
        List<DayReconciler> reconcilers = List.of(
                new OrderReconciler(orders.shop(), orders.ledger(), reversals.ledger(), client,
                        shopId -> new WatermarkStore(database, clock).getInstant(OrderFlow.WATERMARK, shopId)),
                new StockPriceReconciler(stock.reader(), stock.store()),
                new PaymentReconciler(payments.flow(), payments.ledger(), payments.sources(), client));
        reconciliation = new Reconciliation(settings, reconcilers, new ReconciliationStore(database, clock), meter,
                clock);
        accountant = new DemoAccountant(economic, settings.shops().get(0).orders().mapping().referencePrefix(),
                Benchmark.SEED);
        if (settings.payments().anyEnabled()) {
            accountant.bookJournalInsteadOfPaying(EconomicSeed.JOURNAL_DAYBOOK);
        }
    }

    Result run() throws Exception {
        long wallStart = System.nanoTime();
        // lastUpdated has whole seconds: the replaced demo products must not share a second with their new version.
        clock.advance(Duration.ofSeconds(2));
        economic.seedGeneratedArticles(options.articles(), Benchmark.SEED);
        norce.loadArticles(DemoCatalog.generate(options.articles(), Benchmark.SEED));
        // A real catalogue was not all edited a moment ago: start past the product flow's look-back.
        clock.advance(Duration.ofDays(2));
        long pushStart = System.nanoTime();
        as("stock", () -> stock.flow().tick());
        long initialPushSeconds = (System.nanoTime() - pushStart) / 1_000_000_000L;
        long fullScanCalls = stock.flow().stats().fullScanCost();

        SplittableRandom random = new SplittableRandom(Benchmark.SEED + 7);
        DemoOrderGenerator generator = new DemoOrderGenerator(norce,
                DemoOrderGenerator.Settings.defaults().withSeed(Benchmark.SEED + 3));
        int hours = options.warmupHours() + options.measuredHours();
        Instant start = clock.instant();
        List<Instant> arrivals = new ArrayList<>();
        long sampleOrders = Math.round(options.ordersPerDay() * hours / 24.0);
        for (long i = 0; i < sampleOrders; i++) {
            arrivals.add(start.plusMillis(random.nextLong(Duration.ofHours(hours).toMillis())));
        }
        arrivals.sort(Comparator.naturalOrder());
        List<EconomicProduct> catalogue = economic.products();
        double changesPerMinute = options.articles() * options.changeSharePerHour() / 60;
        double editsPerMinute = options.productEditsPerDay() / 1440.0;
        double changeCarry = 0;
        double editCarry = 0;
        int next = 0;
        Set<String> decided = new HashSet<>();
        Instant measuredFrom = start.plus(Duration.ofHours(options.warmupHours()));
        int minutes = hours * 60;
        for (int minute = 0; minute < minutes; minute++) {
            if (!counting && !clock.instant().isBefore(measuredFrom)) {
                counting = true;
            }
            Instant tickEnd = clock.instant().plus(TICK);
            changeCarry += changesPerMinute;
            editCarry += editsPerMinute;
            int changes = (int) changeCarry;
            changeCarry -= changes;
            for (int c = 0; c < changes; c++) {
                EconomicProduct p = catalogue.get(random.nextInt(catalogue.size()));
                if (random.nextBoolean()) {
                    economic.setStock(p.productNumber(), BigDecimal.valueOf(random.nextInt(80)));
                } else {
                    economic.setSalesPrice(p.productNumber(), BigDecimal.valueOf(1000 + random.nextInt(90_000), 2));
                }
                count("stock and price changes");
            }
            for (; editCarry >= 1; editCarry--) {
                String partNo = catalogue.get(random.nextInt(catalogue.size())).productNumber();
                norce.store().sku(partNo).ifPresent(sku -> norce.putSku(partNo, sku.name().replaceAll(" v\\d+$", "")
                        + " v" + random.nextInt(1000), sku.vatRate(), sku.eanCode(), sku.statusId(),
                        sku.standardPrice()));
                count("product edits");
            }
            while (next < arrivals.size() && arrivals.get(next).isBefore(tickEnd)) {
                NorceModel.Order placed = generator.placeOrderNow();
                norce.setOrderStatus(placed.id(), NorceModel.OrderStatus.CONFIRMED.id());
                next++;
                count("orders placed");
            }
            advanceTo(tickEnd.minusSeconds(1));
            pollOrders();
            as("stock", () -> stock.flow().tick());
            if (minute % FLOW_INTERVAL.toMinutes() == 0) {
                as("status", () -> status.flow().poll(SHOP));
                pollReversals();
                as("payments", () -> payments.flow().run(SHOP));
                pollProducts();
            }
            if (minute % BACK_OFFICE_INTERVAL.toMinutes() == BACK_OFFICE_INTERVAL.toMinutes() - 1) {
                accountant.tick();
                shopkeeper(random, decided);
            }
            advanceTo(tickEnd);
        }
        // The night's work, once a day: the reconciliation of the day just run, measured here.
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        as("reconciliation", () -> {
            for (String kind : reconciliation.kinds(SHOP)) {
                reconciliation.run(SHOP, kind, today, "benchmark");
            }
        });
        // A full catalogue read for the naive stock design, counted apart from the flows.
        counting = false;
        long before = total();
        stock.reader().all(page -> { });
        long naiveScan = total() - before;

        double scale = 24.0 / options.measuredHours();
        List<FlowDay> days = new ArrayList<>();
        days.add(day("orders", scale, "a GET per order line, a customer look-up per order"));
        days.add(day("status", scale, "a GET per open document on every status poll"));
        days.add(day("reversals", scale, "a GET of the document per changed shop order"));
        days.add(day("payments", scale, "the same calls (no cheaper design known)"));
        days.add(day("products", scale, "a GET per edited product before its write"));
        double stockCalls = calls("stock") * scale + fullScanCalls;
        days.add(new FlowDay("stock and prices", stockCalls,
                naiveScan * (Duration.ofDays(1).toMinutes() / (double) NAIVE_STOCK_INTERVAL.toMinutes()),
                "every product read every 5 min"));
        days.add(new FlowDay("nightly reconciliation", calls("reconciliation"), calls("reconciliation"),
                "the same calls"));
        Map<String, Long> counted = new LinkedHashMap<>();
        items.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> counted.put(e.getKey(), e.getValue().sum()));
        counted.put("orders transferred (ledger)", count(OrderState.ACKNOWLEDGED));
        Map<String, Map<String, Long>> byEndpoint = new java.util.TreeMap<>();
        endpoints.forEach((flow, counts) -> counts.forEach((endpoint, n) -> byEndpoint
                .computeIfAbsent(flow, k -> new java.util.TreeMap<>()).put(endpoint, n.sum())));
        return new Result(days, counted, byEndpoint, options.measuredHours(), (System.nanoTime() - wallStart) / 1_000_000_000L,
                initialPushSeconds);
    }

    private FlowDay day(String flow, double scale, String naiveDesign) {
        double flowCalls = calls(flow) * scale;
        return new FlowDay(flow, flowCalls, flowCalls + naive(flow).sum() * scale, naiveDesign);
    }

    /** As the order poll route: transfer what the poll read, then the due ones, then commit the watermark. */
    private void pollOrders() throws Exception {
        as("orders", () -> {
            WatermarkWindow.Poll<IncomingOrder> poll = orders.flow().poll(SHOP);
            for (IncomingOrder order : poll.items()) {
                orders.flow().accept(SHOP, order);
            }
            for (LedgerEntry entry : orders.flow().due(SHOP)) {
                orders.flow().resume(SHOP, entry);
            }
            orders.flow().commitWatermark(SHOP, poll.watermark());
        });
    }

    /** As the reversal route: detect in every changed order, work off the due reversals, commit the watermark. */
    private void pollReversals() throws Exception {
        as("reversals", () -> {
            ReversalFlow flow = reversals.flow();
            WatermarkWindow.Poll<IncomingOrder> poll = flow.poll(SHOP);
            for (IncomingOrder order : poll.items()) {
                if (counting) {
                    naive("reversals").increment();
                }
                flow.detect(SHOP, order);
            }
            for (ReversalEntry entry : flow.due(SHOP)) {
                flow.process(SHOP, entry);
                count("reversals carried out");
            }
            flow.commitWatermark(SHOP, poll.watermark());
        });
    }

    private void pollProducts() throws Exception {
        as("products", () -> {
            var summary = products.flow().poll(SHOP);
            if (counting) {
                naive("products").add(summary.read());
            }
        });
    }

    /** The shop's back office: some transferred orders cancelled, a line taken back of some invoiced ones. */
    private void shopkeeper(SplittableRandom random, Set<String> decided) {
        for (NorceModel.Order order : norce.orders()) {
            if (order.erpOrderNo() == null) {
                continue;
            }
            if (order.statusId() == NorceModel.OrderStatus.CONFIRMED.id() && decided.add("cancel/" + order.orderNo())
                    && random.nextDouble() < options.cancelShare()) {
                norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CANCELLED.id());
                count("orders cancelled in the shop");
            } else if (order.statusId() == NorceModel.OrderStatus.INVOICED.id()
                    && decided.add("return/" + order.orderNo()) && random.nextDouble() < options.returnShare()) {
                order.items().stream().filter(i -> !i.isFee()).findFirst().ifPresent(line -> {
                    norce.cancelLine(order.id(), line.lineNumber());
                    count("lines returned in the shop");
                });
            }
        }
        if (counting) {
            // The naive status design asks e-conomic about every open document on each of its polls.
            long open = economic.draftInvoices().size() + economic.bookedInvoices().stream()
                    .filter(i -> i.remainder() != null && i.remainder().signum() > 0).count();
            naive("status").add(open * (BACK_OFFICE_INTERVAL.toMinutes() / FLOW_INTERVAL.toMinutes()));
        }
    }

    /** The clock never goes back: a flow's waits may already have moved it past the next tick. */
    private void advanceTo(Instant target) {
        Duration ahead = Duration.between(clock.instant(), target);
        if (!ahead.isNegative()) {
            clock.advance(ahead);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void as(String flow, Work work) throws Exception {
        running.set(flow);
        try {
            work.run();
        } finally {
            running.set("none");
        }
    }

    private void attribute(RecordedRequest request) {
        if (request.path().startsWith("/_sim/")) {
            return;
        }
        calls.computeIfAbsent("all", k -> new LongAdder()).increment();
        if (!counting) {
            return;
        }
        String flow = running.get();
        calls.computeIfAbsent(flow, k -> new LongAdder()).increment();
        endpoints.computeIfAbsent(flow, k -> new ConcurrentHashMap<>()).computeIfAbsent(request.method() + " "
                + request.path().replaceAll("/[^/]*\\d[^/]*", "/{n}"), k -> new LongAdder()).increment();
        if (flow.equals("orders") && request.method().equals("POST") && request.status() < 300
                && (request.path().equals("/invoices/drafts") || request.path().equals("/orders/drafts"))) {
            // The naive order design reads every line's product and looks the buyer up, for every order.
            JsonNode body = readBody(request.body());
            naive("orders").add(body.path("lines").size() + 1L);
            count("documents created");
        }
        if (flow.equals("orders") && request.method().equals("GET")) {
            // Its batch reads are what the naive design replaces with the reads counted above.
            naive("orders").decrement();
        }
        if (flow.equals("products") && request.method().equals("GET")) {
            naive("products").decrement();
        }
        if (flow.equals("status") && request.method().equals("GET")) {
            naive("status").decrement();
        }
    }

    private static JsonNode readBody(String body) {
        try {
            return Json.MAPPER.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private LongAdder naive(String flow) {
        return naiveReads.computeIfAbsent(flow, k -> new LongAdder());
    }

    private long calls(String flow) {
        LongAdder adder = calls.get(flow);
        return adder == null ? 0 : adder.sum();
    }

    private long total() {
        return calls("all");
    }

    private void count(String item) {
        if (counting) {
            items.computeIfAbsent(item, k -> new LongAdder()).increment();
        }
    }

    private long count(OrderState state) {
        return orders.ledger().list(SHOP, null, 100_000).stream().filter(e -> e.state() == state).count();
    }

    @Override
    public void close() throws IOException {
        database.close();
        economic.close();
        norce.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

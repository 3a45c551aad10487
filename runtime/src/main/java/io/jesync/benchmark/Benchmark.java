package io.jesync.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.settings.RuntimeSettings;
import io.jesync.json.Json;
import io.jesync.config.ConfigSource;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.order.BackoffSchedule;
import io.jesync.order.OrderFlow;
import io.jesync.order.OrderFlowAssembly;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.observe.ApiCallMeter;
import io.jesync.store.Database;
import io.jesync.order.LedgerEntry;
import io.jesync.store.Migrations;
import io.jesync.order.OrderState;

/**
 * {@code --benchmark}: the order flow measured in-process against both simulators, seeded, each figure beside its
 * goal (docs/performance.md). Calls are counted in the e-conomic simulator's journal; times are the simulators'
 * clock, which is wall time plus every wait the rate-limit governor asked for (those waits move the clock instead of
 * sleeping, as e-conomic's bucket refills in the same clock).
 *
 * <p>Options: {@code --benchmark-out FILE} (JSON, default {@code benchmark.json}), {@code --benchmark-scale F}
 * (backlog size as a share of 10,000 orders, default 0.1), {@code --benchmark-orders N} (orders per document type,
 * default 100), {@code --benchmark-day-orders N} (the reference merchant's orders a day, default 800),
 * {@code --benchmark-day-articles N} (its catalogue, default 100,000), {@code --benchmark-day-warmup H} and
 * {@code --benchmark-day-hours H} (the day's warm-up and measured sample, default 2 and 2; see {@link MerchantDay}),
 * {@code --benchmark-day-cancel F} and {@code --benchmark-day-return F} (shares of orders cancelled after transfer
 * and of invoiced orders with a line taken back, default 0.02 and 0.03), {@code --benchmark-starts N} (starts of
 * the runtime's own process for start to first poll, default 5). {@code --benchmark-catalogue N} runs instead
 * the heap and first-push measurement of {@link CatalogueBenchmark} (minutes at 500,000 articles).
 */
public final class Benchmark {
    static final long SEED = 42L;
    static final int FULL_BACKLOG = 10_000;
    static final int BUCKET_TOKENS = EconomicSimulator.DEFAULT_BUCKET_SIZE;
    static final Duration BUCKET_WINDOW = EconomicSimulator.DEFAULT_BUCKET_WINDOW;
    static final Duration POLL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final ObjectNode json = Json.MAPPER.createObjectNode();

    Benchmark(PrintStream out) {
        this.out = out;
    }

    public static int run(String[] args, PrintStream out) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--benchmark-catalogue")) {
            return CatalogueBenchmark.run(list, out);
        }
        Path file = Path.of(option(list, "--benchmark-out", "benchmark.json"));
        double scale = Double.parseDouble(option(list, "--benchmark-scale", "0.1"));
        int orders = Integer.parseInt(option(list, "--benchmark-orders", "100"));
        MerchantDay.Options day = MerchantDay.Options.reference()
                .withOrders(Integer.parseInt(option(list, "--benchmark-day-orders", "800")))
                .withArticles(Integer.parseInt(option(list, "--benchmark-day-articles", "100000")))
                .withHours(Integer.parseInt(option(list, "--benchmark-day-warmup", "2")),
                        Integer.parseInt(option(list, "--benchmark-day-hours", "2")))
                .withReversals(Double.parseDouble(option(list, "--benchmark-day-cancel", "0.02")),
                        Double.parseDouble(option(list, "--benchmark-day-return", "0.03")));
        Benchmark benchmark = new Benchmark(out);
        try {
            benchmark.callsPerOrder(orders);
            benchmark.backlog((int) Math.round(FULL_BACKLOG * scale), scale);
            benchmark.latency(orders * 2);
            benchmark.merchantDay(day);
            benchmark.startup(Integer.parseInt(option(list, "--benchmark-starts", "5")));
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(benchmark.json));
            out.println();
            out.println("JSON written to " + file.toAbsolutePath());
            return 0;
        } catch (Exception e) {
            out.println("Benchmark failed: " + e);
            return 1;
        }
    }

    static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
    }

    // ---- 1. calls per transferred order against the minimum, per document type

    void callsPerOrder(int orders) throws Exception {
        out.println("== e-conomic calls per transferred order (" + orders + " demo orders per type, seed " + SEED
                + ", one poll) ==");
        out.printf("%-15s %7s %9s %9s %8s %8s %10s%n", "document type", "orders", "calls", "minimum", "ratio",
                "goal", "per order");
        ArrayNode rows = json.putArray("callsPerOrder");
        for (String type : List.of("draft-invoice", "booked-invoice", "order")) {
            try (Rig rig = new Rig(Map.of("shop.se.orders.document-type", type), false)) {
                rig.placeOrders(orders, SEED);
                rig.economic.clearJournal();
                rig.drain(20);
                List<RecordedRequest> calls = rig.perOrderCalls();
                long transferred = rig.count(OrderState.ACKNOWLEDGED);
                long documents = rig.count(calls, "POST", "/invoices/drafts") + rig.count(calls, "POST", "/orders/drafts");
                long booked = rig.count(calls, "POST", "/invoices/booked");
                long customers = rig.count(calls, "POST", "/customers");
                long minimum = documents + booked + customers;
                double ratio = (double) calls.size() / minimum;
                out.printf(Locale.ROOT, "%-15s %7d %9d %9d %8.3f %8s %10.2f%n", type, transferred, calls.size(),
                        minimum, ratio, "<=1.05", (double) calls.size() / transferred);
                ObjectNode row = rows.addObject();
                row.put("documentType", type).put("orders", transferred).put("calls", calls.size())
                        .put("minimum", minimum).put("ratio", round(ratio)).put("goal", 1.05)
                        .put("newCustomers", customers).put("oncePerProcessLife", rig.restoreCheckCalls());
                row.set("byEndpoint", Json.MAPPER.valueToTree(Rig.byEndpoint(calls)));
            }
        }
        out.println("(minimum: one document per order, plus the booking for booked-invoice, plus one create per new"
                + " customer; the restore check's 5 reads once per process life are counted apart)");
    }

    // ---- 2. a backlog drained against the token bucket

    void backlog(int orders, double scale) throws Exception {
        out.println();
        out.println("== backlog of " + orders + " orders (10,000 x " + scale + ") drained against a bucket of "
                + BUCKET_TOKENS + " tokens / " + BUCKET_WINDOW.toSeconds() + " s ==");
        try (Rig rig = new Rig(Map.of(), true)) {
            rig.placeOrders(orders, SEED + 1);
            rig.economic.clearJournal();
            // A long backlog spends the empty bucket's burst in its first minute and is paced from then on; starting
            // at the governor's threshold measures that pace, where the bound below is the least time possible.
            rig.economic.budget().fill((int) (RateLimitGovernor.STANDARD_THRESHOLD * BUCKET_TOKENS));
            Instant start = rig.clock.instant();
            long wall = System.nanoTime();
            rig.drain(10_000);
            Duration took = Duration.between(start, rig.clock.instant());
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            List<RecordedRequest> calls = rig.apiCalls();
            long tokens = calls.stream().filter(r -> r.status() != 429).mapToLong(Rig::cost).sum();
            long rejected = calls.stream().filter(r -> r.status() == 429).count();
            double bound = tokens * (double) BUCKET_WINDOW.toMillis() / BUCKET_TOKENS / 1000.0;
            double seconds = took.toMillis() / 1000.0;
            long failed = orders - rig.count(OrderState.ACKNOWLEDGED);
            out.printf(Locale.ROOT, "drained in %.1f s (wall %.1f s, governor waits %.1f s); tokens %d; bound %.1f s;"
                    + " share of bound %.0f %% (goal >= 90 %%)%n", seconds, wallSeconds,
                    Math.max(0, seconds - wallSeconds), tokens, bound, 100 * bound / seconds);
            out.printf(Locale.ROOT, "429 answers %d, orders not transferred %d (goal 0); full 10,000 at this rate:"
                    + " %.0f s, bound %.0f s%n", rejected, failed, seconds / scale, bound / scale);
            ObjectNode node = json.putObject("backlog");
            node.put("orders", orders).put("scale", scale).put("seconds", round(seconds))
                    .put("wallSeconds", round(wallSeconds)).put("tokens", tokens).put("boundSeconds", round(bound))
                    .put("shareOfBound", round(bound / seconds)).put("goalShare", 0.9).put("answers429", rejected)
                    .put("notTransferred", failed);
        }
    }

    // ---- 3. order placed -> e-conomic document with a 5 s poll

    void latency(int orders) throws Exception {
        out.println();
        out.println("== order placed -> e-conomic document, " + orders + " orders arriving at random over "
                + orders + " s, poll every " + POLL.toSeconds() + " s ==");
        try (Rig rig = new Rig(Map.of(), false)) {
            SplittableRandom random = new SplittableRandom(SEED);
            double[] arrivals = random.doubles(orders, 0, orders).sorted().toArray();
            DemoOrderGenerator generator = new DemoOrderGenerator(rig.norce,
                    DemoOrderGenerator.Settings.defaults().withSeed(SEED + 2));
            // The clock stops when e-conomic stores the order's document (the listener runs before it answers), not
            // when the order's last step (the acknowledgement to the shop) is done.
            Map<String, Long> documentAt = new java.util.concurrent.ConcurrentHashMap<>();
            rig.economic.addRequestListener(request -> {
                if (request.endpoint().equals("POST /invoices/drafts") && request.status() == 201) {
                    long now = System.nanoTime();
                    try {
                        String reference = Json.MAPPER.readTree(request.body()).path("references").path("other")
                                .asText();
                        documentAt.putIfAbsent(reference.substring(reference.lastIndexOf(':') + 1), now);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            List<Double> latencies = new ArrayList<>();
            List<Double> waits = new ArrayList<>();
            int next = 0;
            for (double tick = POLL.toSeconds(); next < orders; tick += POLL.toSeconds()) {
                Map<String, Double> arrived = new HashMap<>();
                while (next < orders && arrivals[next] <= tick) {
                    io.jesync.simulator.norce.NorceModel.Order placed = generator.placeOrderNow();
                    rig.confirmed(placed);
                    arrived.put(placed.orderNo(), arrivals[next++]);
                }
                long pollStart = System.nanoTime();
                var poll = rig.flow().poll("se");
                rig.sideBySide(poll.items(), order -> rig.flow().accept("se", order));
                for (Map.Entry<String, Double> order : arrived.entrySet()) {
                    Long at = documentAt.get(order.getKey());
                    if (at != null) {
                        latencies.add(tick - order.getValue() + (at - pollStart) / 1e9);
                        waits.add(tick - order.getValue());
                    }
                }
                rig.flow().commitWatermark("se", poll.watermark());
            }
            latencies.sort(Comparator.naturalOrder());
            waits.sort(Comparator.naturalOrder());
            double p50 = percentile(latencies, 0.50);
            double p95 = percentile(latencies, 0.95);
            double waitP95 = percentile(waits, 0.95);
            out.printf(Locale.ROOT, "p50 %.2f s, p95 %.2f s (goal: p95 <= 4.8 s) over %d documents; p95 of the wait"
                    + " for the poll alone %.2f s%n", p50, p95, latencies.size(), waitP95);
            json.putObject("latency").put("orders", latencies.size()).put("pollSeconds", POLL.toSeconds())
                    .put("p50Seconds", round(p50)).put("p95Seconds", round(p95)).put("goalP95Seconds", 4.8)
                    .put("p95WaitForPollSeconds", round(waitP95));
        }
    }

    // ---- 4. a reference merchant's whole day, beside a naive design doing the same work

    void merchantDay(MerchantDay.Options options) throws Exception {
        out.println();
        out.println("== reference merchant's day: " + options.ordersPerDay() + " orders, " + options.articles()
                + " articles, " + options.changeSharePerHour() * 100 + " % stock/price change an hour, "
                + options.productEditsPerDay() + " product edits, status, reversals, payments; " + options.warmupHours()
                + " h warm-up, " + options.measuredHours() + " h measured and scaled to 24 h ==");
        MerchantDay.Result day;
        try (MerchantDay run = new MerchantDay(options)) {
            day = run.run();
        }
        out.printf(Locale.ROOT, "%-24s %12s %12s  %s%n", "flow", "calls/day", "naive/day", "naive design");
        ArrayNode flows = Json.MAPPER.createArrayNode();
        for (MerchantDay.FlowDay flow : day.flows()) {
            out.printf(Locale.ROOT, "%-24s %12.0f %12.0f  %s%n", flow.flow(), flow.calls(), flow.naive(),
                    flow.naiveDesign());
            flows.addObject().put("flow", flow.flow()).put("callsPerDay", Math.round(flow.calls()))
                    .put("naiveCallsPerDay", Math.round(flow.naive())).put("naiveDesign", flow.naiveDesign());
        }
        double share = day.calls() / MerchantDay.DAILY_BUDGET;
        double naiveShare = day.naive() / MerchantDay.DAILY_BUDGET;
        out.printf(Locale.ROOT, "%-24s %12.0f %12.0f%n", "whole day", day.calls(), day.naive());
        out.printf(Locale.ROOT, "%-24s %11.1f%% %11.1f%%  (goal <= 10 %%)%n", "share of 50,000 a day", 100 * share,
                100 * naiveShare);
        out.println("work in the measured hours: " + day.items() + "; first full stock and price push "
                + day.initialPushSeconds() + " s; wall " + day.wallSeconds() + " s");
        ObjectNode node = json.putObject("merchantDay");
        node.put("ordersPerDay", options.ordersPerDay()).put("articles", options.articles())
                .put("changeSharePerHour", options.changeSharePerHour())
                .put("productEditsPerDay", options.productEditsPerDay()).put("warmupHours", options.warmupHours())
                .put("measuredHours", options.measuredHours()).put("callsPerDay", Math.round(day.calls()))
                .put("naiveCallsPerDay", Math.round(day.naive())).put("shareOfBudget", round(share))
                .put("naiveShareOfBudget", round(naiveShare)).put("goalShare", 0.10)
                .put("initialPushSeconds", day.initialPushSeconds()).put("wallSeconds", day.wallSeconds());
        node.set("flows", flows);
        node.set("work", Json.MAPPER.valueToTree(day.items()));
        node.set("measuredCallsByEndpoint", Json.MAPPER.valueToTree(day.endpoints()));
        out.println("e-conomic calls in the measured hours by flow and endpoint: " + day.endpoints());
    }

    // ---- 5. start to first poll, beside a bare JVM's start

    void startup(int starts) throws Exception {
        out.println();
        out.println("== start to first order poll: " + starts + " starts of the runtime (live, -Xmx256m, fresh H2"
                + " store, simulators in this process), beside java -version ==");
        StartupBenchmark.Result result = StartupBenchmark.measure(starts);
        out.printf(Locale.ROOT, "runtime (%s): median %.2f s %s (goal <= %d s); java -version: median %.2f s;"
                + " ratio %.1f%n", result.fromJar() ? "java -jar" : "class folder", result.median(),
                format(result.startSeconds()), StartupBenchmark.GOAL.toSeconds(), result.baselineMedian(),
                result.median() / result.baselineMedian());
        json.putObject("startToFirstPoll").put("starts", starts).put("fromJar", result.fromJar())
                .put("medianSeconds", round(result.median())).put("goalSeconds", StartupBenchmark.GOAL.toSeconds())
                .put("baselineMedianSeconds", round(result.baselineMedian()))
                .set("seconds", Json.MAPPER.valueToTree(result.startSeconds().stream().map(Benchmark::round).toList()));
    }

    private static String format(List<Double> seconds) {
        return seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList().toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Both simulators, a store and the order flow, on one clock. */
    static final class Rig implements AutoCloseable {
        final SimClock clock = new SimClock();
        final EconomicSimulator economic;
        final NorceSimulator norce;
        final Database database;
        final OrderFlowAssembly assembly;
        final Path dir;
        final java.util.concurrent.ExecutorService workers;

        Rig(Map<String, String> extra, boolean bucket) throws IOException {
            economic = new EconomicSimulator(0, SEED, clock, RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal(),
                    RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal());
            norce = NorceSimulator.demo(0, SEED, clock, RuntimeSettings.DEMO_SHOP_CLIENT_ID,
                    RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal());
            economic.start();
            norce.start();
            if (!bucket) {
                economic.budget().configure(Integer.MAX_VALUE / 2, BUCKET_WINDOW);
            }
            Map<String, String> file = new HashMap<>();
            file.put("app.environment", "demo");
            file.put("app.instance-id", "benchmark");
            file.put("shops", "se");
            file.put("shop.se.application-ids", "1001,1002");
            file.put("simulator.economic.port", Integer.toString(economic.port()));
            file.put("simulator.norce.port", Integer.toString(norce.port()));
            file.putAll(extra);
            RuntimeSettings settings = RuntimeSettings.load(new ConfigSource(file, Map.of(), Map.of(), "benchmark"));
            dir = Files.createTempDirectory("jesync-benchmark");
            database = new Database("jdbc:h2:file:" + dir.resolve("jesync").toAbsolutePath(), "sa", "", 24);
            new Migrations(database).migrate();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            EconomicClient client = new EconomicClient(settings.economic(), http, new ApiCallMeter(database, clock),
                    clock, RateLimitGovernor.standard(clock, Integer.MAX_VALUE), RetryPolicy.standard(),
                    new SplittableRandom(SEED), wait -> clock.advanceTo(clock.instant().plus(wait)));
            assembly = OrderFlowAssembly.create(settings, database, client, http, clock, BackoffSchedule.defaults(),
                    new SplittableRandom(SEED));
            workers = java.util.concurrent.Executors.newFixedThreadPool(settings.shops().get(0).orders().concurrency());
        }

        OrderFlow flow() {
            return assembly.flow();
        }

        /** As the order route's split does: {@code orders.concurrency} workers, done when every item is. */
        <T> List<Double> sideBySide(List<T> items, java.util.function.Consumer<T> transfer) throws Exception {
            long start = System.nanoTime();
            Double[] finished = new Double[items.size()];
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                running.add(workers.submit(() -> {
                    transfer.accept(items.get(index));
                    finished[index] = (System.nanoTime() - start) / 1e9;
                }));
            }
            for (java.util.concurrent.Future<?> one : running) {
                one.get();
            }
            return java.util.Arrays.asList(finished);
        }

        void placeOrders(int count, long seed) {
            DemoOrderGenerator generator = new DemoOrderGenerator(norce,
                    DemoOrderGenerator.Settings.defaults().withSeed(seed));
            for (int i = 0; i < count; i++) {
                confirmed(generator.placeOrderNow());
            }
        }

        void confirmed(io.jesync.simulator.norce.NorceModel.Order order) {
            norce.setOrderStatus(order.id(), io.jesync.simulator.norce.NorceModel.OrderStatus.CONFIRMED.id());
        }

        /** Scheduled runs, a minute apart, until nothing is left to do or {@code maxRuns} ran. */
        void drain(int maxRuns) throws Exception {
            for (int run = 0; run < maxRuns; run++) {
                var poll = flow().poll("se");
                sideBySide(poll.items(), order -> flow().accept("se", order));
                List<LedgerEntry> due = flow().due("se");
                sideBySide(due, entry -> flow().resume("se", entry));
                flow().commitWatermark("se", poll.watermark());
                if (poll.items().isEmpty() && due.isEmpty()) {
                    return;
                }
                if (unsettled() == 0) {
                    return;
                }
                clock.advance(Duration.ofMinutes(1));
            }
        }

        long unsettled() {
            return assembly.ledger().list("se", null, 100_000).stream()
                    .filter(e -> e.state() != OrderState.ACKNOWLEDGED && e.state() != OrderState.PARKED).count();
        }

        long count(OrderState state) {
            return assembly.ledger().list("se", null, 100_000).stream().filter(e -> e.state() == state).count();
        }

        List<RecordedRequest> apiCalls() {
            return economic.journal().stream().filter(r -> !r.path().startsWith("/_sim/")).toList();
        }

        /** Every call but the restore check, which reads the newest documents once per process life. */
        List<RecordedRequest> perOrderCalls() {
            return apiCalls().stream().filter(r -> r.query() == null || !r.query().contains("sort=-")).toList();
        }

        long restoreCheckCalls() {
            return apiCalls().size() - perOrderCalls().size();
        }

        long count(List<RecordedRequest> calls, String method, String path) {
            return calls.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
        }

        static long cost(RecordedRequest r) {
            String endpoint = r.method() + " " + r.path();
            if (endpoint.equals("POST /invoices/booked")) {
                return 5;
            }
            return switch (r.method()) {
                case "GET" -> 1;
                case "DELETE" -> 2;
                default -> 3;
            };
        }

        static Map<String, Long> byEndpoint(List<RecordedRequest> calls) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (RecordedRequest r : calls) {
                String path = r.path().matches("/products/.+") ? "/products/{n}" : r.path();
                counts.merge(r.method() + " " + path, 1L, Long::sum);
            }
            return counts;
        }

        @Override
        public void close() throws IOException {
            workers.shutdownNow();
            database.close();
            economic.close();
            norce.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

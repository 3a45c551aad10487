package io.jesync.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jesync.json.Json;
import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.simulator.norce.NorceStore;

/**
 * {@code --benchmark-catalogue N}: the runtime's own process (live settings, {@code -Xmx256m}, GC log) converging the
 * first full stock and price push of an N-article catalogue, with both simulators in this process. Converged means
 * every article's stock and base price in the shop simulator equal e-conomic's. Reports the time from the process
 * start to convergence, the runtime's heap after each GC (its peak is the figure: what the process holds, not what
 * it briefly allocated) and whether the process stayed up.
 */
final class CatalogueBenchmark {
    static final long HEAP_LIMIT_MB = 256;
    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Duration CHECK = Duration.ofSeconds(5);

    record Result(int articles, boolean converged, double seconds, double firstImportSeconds, long peakAfterGcMb,
                  long collections, long importJobs, List<Long> fullListingStarts, String failure) {
    }

    private CatalogueBenchmark() {
    }

    static int run(List<String> args, PrintStream out) {
        int articles = Integer.parseInt(Benchmark.option(args, "--benchmark-catalogue", "500000"));
        Duration limit = Duration.ofMinutes(Long.parseLong(Benchmark.option(args, "--benchmark-catalogue-minutes",
                "30")));
        String parallel = Benchmark.option(args, "--benchmark-catalogue-parallel", "4");
        Path file = Path.of(Benchmark.option(args, "--benchmark-out", "benchmark-catalogue.json"));
        // Empty: the shop's own schedule (05:30 wall clock), which a run overlaps only by chance.
        String reconcileCron = Benchmark.option(args, "--benchmark-catalogue-reconcile-cron", "");
        try {
            out.println("== first full stock and price push of " + articles + " articles by the runtime's own process"
                    + " (" + (RuntimeLaunch.fromJar() ? "java -jar" : "class folder") + ", -Xmx" + HEAP_LIMIT_MB
                    + "m, stock-prices.parallel-imports=" + parallel + "), simulators in this process ==");
            Result result = measure(articles, limit, parallel, reconcileCron, out);
            out.printf(Locale.ROOT, "converged: %s in %.0f s from process start (first import %.0f s after start);"
                    + " %d import jobs; peak heap after GC %d MB of %d MB over %d collections%s%n",
                    result.converged() ? "yes" : "NO", result.seconds(), result.firstImportSeconds(),
                    result.importJobs(), result.peakAfterGcMb(), HEAP_LIMIT_MB, result.collections(),
                    result.failure() == null ? "" : "; " + result.failure());
            out.println("full product listings (the flow's first full read, then each reconciliation) started at "
                    + "(s after process start): "
                    + result.fullListingStarts());
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.putObject("catalogue").put("articles", articles).put("heapLimitMb", HEAP_LIMIT_MB)
                    .put("parallelImports", Integer.parseInt(parallel)).put("converged", result.converged())
                    .put("secondsFromStart", Math.round(result.seconds()))
                    .put("firstImportSeconds", Math.round(result.firstImportSeconds()))
                    .put("importJobs", result.importJobs()).put("peakHeapAfterGcMb", result.peakAfterGcMb())
                    .put("collections", result.collections()).put("fromJar", RuntimeLaunch.fromJar())
                    .put("reconcileCron", reconcileCron);
            ObjectNode catalogue = (ObjectNode) json.get("catalogue");
            result.fullListingStarts().forEach(catalogue.putArray("fullListingStartSeconds")::add);
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            out.println("JSON written to " + file.toAbsolutePath());
            return result.converged() ? 0 : 1;
        } catch (Exception e) {
            out.println("Catalogue benchmark failed: " + e);
            return 1;
        }
    }

    static Result measure(int articles, Duration limit, String parallel, String reconcileCron, PrintStream out)
            throws Exception {
        Path dir = Files.createTempDirectory("jesync-benchmark-catalogue");
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = RuntimeLaunch.economicSimulator(clock);
             NorceSimulator norce = RuntimeLaunch.norceSimulator(clock)) {
            // The bucket would pace the runtime's reads; this measures the runtime, e-conomic's pacing is documented.
            economic.budget().configure(Integer.MAX_VALUE / 2, Benchmark.BUCKET_WINDOW);
            economic.seedGeneratedArticles(articles, Benchmark.SEED);
            norce.loadArticles(DemoCatalog.generate(articles, Benchmark.SEED));
            // The same catalogue with other values in e-conomic, so the first push must write every one of them.
            for (EconomicProduct p : economic.products()) {
                economic.setStock(p.productNumber(), p.inStock().add(BigDecimal.valueOf(7)));
                if (p.salesPrice().signum() > 0) {
                    economic.setSalesPrice(p.productNumber(), p.salesPrice().add(BigDecimal.ONE));
                }
            }
            long[] firstImport = {0};
            norce.addRequestListener(request -> {
                if (firstImport[0] == 0 && request.path().contains("/Product/Import")) {
                    firstImport[0] = System.nanoTime();
                }
            });
            long started = System.nanoTime();
            // Every product by number, first page: the flow's first full read, then each reconciliation's listing.
            List<Long> listings = new CopyOnWriteArrayList<>();
            economic.addRequestListener(request -> {
                String query = request.query() == null ? "" : request.query();
                if (request.path().endsWith("/products") && query.contains("skippages=0&")
                        && query.contains("sort=productNumber") && !query.contains("filter=")) {
                    listings.add((System.nanoTime() - started) / 1_000_000_000L);
                }
            });
            Map<String, String> env = new HashMap<>(Map.of("SHOP_SE_ORDERS_ENABLED", "false",
                    "SHOP_SE_STOCK_ENABLED", "true", "SHOP_SE_PRICES_ENABLED", "true", "SHOP_SE_PRICES_LISTS", "SE-B2C",
                    "STOCK_PRICES_PARALLEL_IMPORTS", parallel, "SHOP_SE_CONNECT_ACCOUNT_ID", "1"));
            if (!reconcileCron.isBlank()) {
                env.put("SHOP_SE_RECONCILIATION_CRON", reconcileCron);
            }
            Path gcLog = dir.resolve("gc.log");
            Process process = RuntimeLaunch.start(List.of("-Xmx" + HEAP_LIMIT_MB + "m", "-Xlog:gc:file=" + gcLog),
                    env, dir.resolve("runtime"), economic, norce);
            String failure = null;
            boolean converged = false;
            try {
                long deadline = started + limit.toNanos();
                int lastReported = -1;
                while (System.nanoTime() < deadline) {
                    if (!process.isAlive()) {
                        failure = "the runtime exited with " + process.exitValue() + ": "
                                + RuntimeLaunch.tail(dir.resolve("runtime").resolve("stderr.log"), 5);
                        break;
                    }
                    int differing = differing(economic, norce);
                    if (differing == 0) {
                        converged = true;
                        break;
                    }
                    int minute = (int) ((System.nanoTime() - started) / 60_000_000_000L);
                    if (minute != lastReported) {
                        out.printf(Locale.ROOT, "  %d min: %d of %d articles still differ%n", minute, differing,
                                articles);
                        lastReported = minute;
                    }
                    Thread.sleep(CHECK.toMillis());
                }
                if (!converged && failure == null) {
                    failure = "not converged within " + limit.toMinutes() + " min";
                }
            } finally {
                RuntimeLaunch.stop(process);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] gc = heapAfterGc(gcLog);
            if (Files.readString(dir.resolve("runtime").resolve("stderr.log")).contains("OutOfMemoryError")) {
                failure = (failure == null ? "" : failure + "; ") + "OutOfMemoryError in the runtime";
                converged = false;
            }
            return new Result(articles, converged, seconds, firstImport[0] == 0 ? Double.NaN
                    : (firstImport[0] - started) / 1e9, gc[0], gc[1], norce.importJobs("ImportOnhands")
                    + norce.importJobs("ImportSkuPriceLists"), List.copyOf(listings), failure);
        } finally {
            RuntimeLaunch.delete(dir);
        }
    }

    /** Articles whose stock or base price in the shop is not yet e-conomic's (an unpriced one needs stock only). */
    private static int differing(EconomicSimulator economic, NorceSimulator norce) {
        NorceStore store = norce.store();
        int differing = 0;
        for (EconomicProduct p : economic.products()) {
            BigDecimal onhand = store.onhand(p.productNumber(), NorceStore.WAREHOUSE, NorceStore.LOCATION)
                    .map(NorceModel.Onhand::onhandValue).orElse(null);
            BigDecimal price = store.price(NorceStore.PRICE_LIST_SE_B2C, p.productNumber())
                    .filter(NorceModel.SkuPrice::isActive).map(NorceModel.SkuPrice::priceSale).orElse(null);
            if (onhand == null || onhand.compareTo(p.available().max(BigDecimal.ZERO)) != 0
                    || p.salesPrice().signum() > 0 && (price == null || price.compareTo(p.salesPrice()) != 0)) {
                differing++;
            }
        }
        return differing;
    }

    /**
     * {peak heap after a collection in MB, collections} from the unified GC log's "before->after(size)" lines of the
     * pauses that evacuate (young, mixed, full).
     */
    private static long[] heapAfterGc(Path log) throws IOException {
        long peak = 0;
        long collections = 0;
        if (!Files.exists(log)) {
            return new long[] {0, 0};
        }
        for (String line : Files.readAllLines(log)) {
            Matcher m = AFTER_GC.matcher(line);
            // Remark and cleanup move nothing: their "after" is the heap with its garbage, not what survived.
            if ((line.contains("Pause Young") || line.contains("Pause Full")) && m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(2)));
                collections++;
            }
        }
        return new long[] {peak, collections};
    }
}

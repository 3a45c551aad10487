package io.jesync.product;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.DemoCatalog;
import io.jesync.testsupport.OrderFlowHarness;
import io.jesync.testsupport.TestDatabases;

/**
 * The initial sync's API calls and time for N articles in both directions, against the fewest calls the APIs
 * allow. Not part of the suite (surefire runs only {@code *Test}); run it by name:
 * {@code mvn -q -o test -Dtest=InitialSyncBenchmark [-Dbench.sizes=1000,10000,100000]}; prints one line per run for docs/performance.md.
 */
class InitialSyncBenchmark {
    @TempDir
    Path tempDir;

    @Test
    void initial_sync_calls_and_time() throws Exception {
        String sizes = System.getProperty("bench.sizes", "1000,10000,100000");
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.strip());
            shopToEconomic(n);
            economicToShop(n);
        }
    }

    private void shopToEconomic(int n) throws Exception {
        try (OrderFlowHarness h = harness("combo", n, "s2e")) {
            h.schemaCheck.close();
            h.norce.loadArticles(DemoCatalog.generate(n, 1234L).stream().map(a -> renumber(a, "S")).toList());
            report("shop-to-economic", n, h, () -> run(h, SyncDirection.SHOP_TO_ECONOMIC));
        }
    }

    private void economicToShop(int n) throws Exception {
        try (OrderFlowHarness h = harness("erp-master", n, "e2s")) {
            h.schemaCheck.close();
            h.economic.seedGeneratedArticles(n, 1234L);
            report("economic-to-shop", n, h, () -> run(h, SyncDirection.ECONOMIC_TO_SHOP));
        }
    }

    /** Generated numbers repeat the demo's; a prefix makes all of them new to e-conomic. */
    private static DemoCatalog.Article renumber(DemoCatalog.Article a, String prefix) {
        return new DemoCatalog.Article(prefix + a.articleNumber(), a.name(), a.category(), a.vatClass(),
                a.priceExVat(), a.costPrice(), a.ean(), a.stock(), a.active());
    }

    private OrderFlowHarness harness(String mode, int n, String name) {
        OrderFlowHarness h = new OrderFlowHarness(TestDatabases.Kind.H2, tempDir.resolve(name + n), Map.of(
                "sync.mode", mode, "economic.daily-call-budget", "10000000",
                "shop.se.products.reports-dir", tempDir.resolve("reports").toString(),
                "shop.se.products.job-poll-millis", "1"));
        h.economic.budget().configure(1_000_000_000, Duration.ofSeconds(60));
        return h;
    }

    private InitialSync.Result run(OrderFlowHarness h, SyncDirection direction) {
        ProductFlowAssembly products = ProductFlowAssembly.create(h.settings, h.database, h.client,
                h.shopCatalog(d -> { }).products(), h.clock);
        return products.initialSync().run(h.shop(), direction, false, Progress.NONE);
    }

    private interface Run {
        InitialSync.Result go() throws Exception;
    }

    private static void report(String direction, int n, OrderFlowHarness h, Run run) throws Exception {
        Map<String, Integer> calls = new java.util.concurrent.ConcurrentSkipListMap<>();
        h.economic.addRequestListener(r -> calls.merge("e-conomic " + r.endpoint(), 1, Integer::sum));
        h.norce.addRequestListener(r -> calls.merge("norce " + r.endpoint().replaceAll("/commerce/(query|connect)/[0-9.]+", ""), 1, Integer::sum));
        int economicBefore = h.economic.productCount();
        int shopBefore = h.norce.store().skuCount();
        long start = System.nanoTime();
        InitialSync.Result result = run.go();
        double seconds = (System.nanoTime() - start) / 1e9;
        int creates = result.report().map(r -> r.create().size()).orElse(0);
        int updates = result.report().map(r -> r.update().size()).orElse(0);
        int writes = creates + updates;
        long economicReads = ceil(economicBefore, 1000);
        long shopReads = ceil(shopBefore, 500) + (shopBefore % 500 == 0 ? 1 : 0);
        // The floor of docs/performance.md: reads, one call per e-conomic write or one job (and one Job/Get) per
        // batch of Norce imports, and the Norce token.
        long jobs = ceil(creates, 5000) + ceil(updates, 5000);
        long minimum = economicReads + shopReads + 1 + (direction.equals("shop-to-economic") ? writes : 2 * jobs);
        long total = calls.values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("BENCH %s N=%d writes=%d calls=%d minimum=%d ratio=%.3f time=%.1fs perArticle=%.2fms %s %s%n",
                direction, n, writes, total, minimum, (double) total / minimum, seconds, seconds * 1000 / n, calls,
                result.message());
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}

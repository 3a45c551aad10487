package io.jesync.stock;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.shop.ShopCatalogPort;
import io.jesync.shop.ShopCatalogPort.PriceRow;
import io.jesync.shop.ShopCatalogPort.StockRow;
import io.jesync.simulator.FaultRule;
import io.jesync.simulator.economic.EconomicProduct;
import io.jesync.simulator.norce.NorceStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark of docs/performance.md ("Stock and prices"): 100,000 articles, 1 % of them changing per hour, one
 * simulated day (measured over {@code bench.hours}, default 4, and scaled to 24 h) of the flow's schedule against a
 * naïve baseline (read everything every 5 minutes, send everything)
 * measured in the same run. Not part of the suite (surefire runs only {@code *Test}); run it by name:
 * {@code mvn -q -o -Dbuild.dir=$PWD/target test -Dtest=StockPriceBenchmark}.
 */
class StockPriceBenchmark {
    private static final int ARTICLES = Integer.getInteger("bench.articles", 100_000);
    private static final int HOURS = Integer.getInteger("bench.hours", 4);
    private static final int NAIVE_CYCLES = 3;
    private static final Duration NAIVE_INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path tempDir;

    @Test
    void stock_and_prices_of_100000_articles_for_one_day() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long peakHeap = 0;
        try (StockHarness h = new StockHarness(tempDir, Map.of("shop.se.prices.lists", "SE-B2C"),
                Instant.parse("2026-09-01T00:00:00Z"))) {
            h.catalogue(ARTICLES, 42L);
            // A real catalogue was not all changed a moment ago: start past the first poll's overlap.
            h.clock.advance(Duration.ofMinutes(10));
            StockPriceFlow flow = h.flow();

            long start = System.nanoTime();
            h.tickUntilQuiet(5);
            double initialSeconds = (System.nanoTime() - start) / 1e9;
            long callsAtStart = h.economic.callsToday();
            long jobsAtStart = h.writer.jobsStarted();
            Instant dayStart = h.clock.instant();

            SplittableRandom random = new SplittableRandom(2026L);
            List<EconomicProduct> products = h.economic.products();
            Map<String, Instant> changedAt = new HashMap<>();
            List<Double> latencies = new ArrayList<>();
            long tickNanos = 0;
            int ticks = 0;
            double changesPerMinute = ARTICLES * 0.01 / 60;
            double carry = 0;
            for (int minute = 0; minute < HOURS * 60; minute++) {
                carry += changesPerMinute;
                for (; carry >= 1; carry--) {
                    h.clock.advance(Duration.ofMillis(1000 / Math.max(1, (int) changesPerMinute)));
                    EconomicProduct p = products.get(random.nextInt(products.size()));
                    if (random.nextBoolean()) {
                        h.economic.setStock(p.productNumber(), BigDecimal.valueOf(random.nextInt(80)));
                    } else {
                        h.economic.setSalesPrice(p.productNumber(), BigDecimal.valueOf(1000 + random.nextInt(90_000), 2));
                    }
                    changedAt.putIfAbsent(p.productNumber(), h.clock.instant());
                }
                h.clock.advance(Duration.ofMinutes(1).minusSeconds(1));
                long t0 = System.nanoTime();
                flow.tick();
                tickNanos += System.nanoTime() - t0;
                ticks++;
                for (Iterator<Map.Entry<String, Instant>> it = changedAt.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Instant> e = it.next();
                    if (inShop(h, e.getKey())) {
                        latencies.add(Duration.between(e.getValue(), h.clock.instant()).toMillis() / 1000.0);
                        it.remove();
                    }
                }
                if (minute % 60 == 0) {
                    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                }
            }
            long flowCalls = h.economic.callsToday() + callsOnEarlierDays(h, dayStart) - callsAtStart;
            long flowJobs = h.writer.jobsStarted() - jobsAtStart;
            double perDay = 24.0 / HOURS;
            // Changes of the last poll interval are still on their way; let them arrive, then compare everything.
            h.clock.advance(Duration.ofMinutes(3));
            h.tickUntilQuiet(5);
            assertThat(h.differences()).isEmpty();

            // Naïve baseline on the same simulators: read every product, send every value, every 5 minutes.
            long naiveCallsBefore = h.economic.callsToday();
            long naiveJobsBefore = h.writer.jobsStarted();
            long naiveStart = System.nanoTime();
            for (int cycle = 0; cycle < NAIVE_CYCLES; cycle++) {
                naiveCycle(h);
            }
            double naiveCycleSeconds = (System.nanoTime() - naiveStart) / 1e9 / NAIVE_CYCLES;
            double naiveCallsPerCycle = (double) (h.economic.callsToday() - naiveCallsBefore) / NAIVE_CYCLES;
            double naiveJobsPerCycle = (double) (h.writer.jobsStarted() - naiveJobsBefore) / NAIVE_CYCLES;
            double naiveCyclesPerDay = Duration.ofDays(1).toSeconds() / (double) NAIVE_INTERVAL.toSeconds();
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());

            latencies.sort(Double::compare);
            double median = latencies.get(latencies.size() / 2);
            double p95 = latencies.get((int) (latencies.size() * 0.95));
            double tickMillis = tickNanos / 1e6 / ticks;
            double naiveMedian = NAIVE_INTERVAL.toSeconds() / 2.0 + naiveCycleSeconds;
            double naiveP95 = NAIVE_INTERVAL.toSeconds() * 0.95 + naiveCycleSeconds;
            // A run shorter than a day holds no nightly reconciliation: its cost (measured by the initial load) is added.
            double calls = flowCalls * perDay + (HOURS < 24 ? flow.stats().fullScanCost() : 0);
            double naiveCalls = naiveCallsPerCycle * naiveCyclesPerDay;
            System.out.printf("""
                    STOCK-PRICE BENCHMARK (%d articles, %d simulated hours, 1 %% changing per hour)
                    initial load (full scan + first push): %.1f s
                    flow:  e-conomic calls/day %.0f (%.2f %% of 50,000), shop import jobs/day %.0f,
                           change→shop latency median %.0f s, p95 %.0f s (simulated, 1-minute ticks),
                           processing per tick %.1f ms (wall), changes measured %d
                    naive: e-conomic calls/day %.0f (%.1f %% of 50,000), shop import jobs/day %.0f,
                           latency median %.0f s, p95 %.0f s, processing per cycle %.1f s (wall)
                    ratios naive/flow: calls %.1fx, jobs %.1fx
                    heap used (peak sampled): %d MB
                    polls %d, reader calls %d, full scans %d (skipped %d)
                    """, ARTICLES, HOURS, initialSeconds, calls, calls / 500.0, flowJobs * perDay, median, p95,
                    tickMillis, latencies.size(), naiveCalls, naiveCalls / 500.0, naiveJobsPerCycle * naiveCyclesPerDay,
                    naiveMedian, naiveP95, naiveCycleSeconds, naiveCalls / calls,
                    naiveJobsPerCycle * naiveCyclesPerDay / (flowJobs * perDay), peakHeap / (1024 * 1024),
                    flow.stats().polls(), h.assembly.reader().calls(), flow.stats().fullScans(),
                    flow.stats().fullScansSkipped());
        }
    }

    /**
     * The acceptance at full size: random seeded stock and price changes over 100,000 articles with the faults of
     * {@code StockPriceFlowTest} (10 % Norce 5xx on imports and job polls, 10 % stale e-conomic reads, seeded), ticked
     * until quiet; the shop's checksum over article, stock and price must equal e-conomic's. Not a cost figure: the
     * figures above are measured without faults.
     */
    @Test
    void stock_and_prices_of_100000_articles_converge_with_shop_faults_and_stale_reads() {
        long start = System.nanoTime();
        try (StockHarness h = new StockHarness(tempDir, Map.of("shop.se.prices.lists", "SE-B2C"))) {
            h.catalogue(ARTICLES, 42L);
            h.norce.faults().configure(5L, List.of(
                    FaultRule.none("POST /commerce/connect/4.0/Product").withServerError(0.1),
                    FaultRule.none("GET /commerce/connect/4.0/Job").withServerError(0.1)));
            h.economic.staleReads(0.1, 9L);
            h.tickUntilQuiet(10);

            SplittableRandom random = new SplittableRandom(2026L);
            List<EconomicProduct> products = h.economic.products();
            int rounds = 50;
            int perRound = Math.max(1, ARTICLES / 20 / rounds);
            for (int round = 0; round < rounds; round++) {
                for (int change = 0; change < perRound; change++) {
                    // lastUpdated has whole seconds; a round's changes are spread over its minute.
                    h.clock.advance(Duration.ofMillis(60_000 / perRound));
                    EconomicProduct p = products.get(random.nextInt(products.size()));
                    if (random.nextBoolean()) {
                        h.economic.setStock(p.productNumber(), BigDecimal.valueOf(random.nextInt(80)));
                    } else {
                        h.economic.setSalesPrice(p.productNumber(), BigDecimal.valueOf(1000 + random.nextInt(90_000), 2));
                    }
                }
                h.flow().tick();
            }
            h.clock.advance(Duration.ofMinutes(3));
            h.tickUntilQuiet(10);
            // The nightly reconciliation is the safety net for changes every poll read stale.
            int nights = 0;
            for (; nights < 3 && !h.shopChecksum().equals(h.economicChecksum()); nights++) {
                h.clock.advance(Duration.ofHours(25));
                h.tickUntilQuiet(10);
            }

            assertThat(h.differences()).isEmpty();
            assertThat(h.shopChecksum()).isEqualTo(h.economicChecksum());
            assertThat(h.flow().stats().staleReadings()).as("out-of-order readings were injected and dropped")
                    .isPositive();
            assertThat(h.norce.faults().injectedCounts()).as("shop 5xx were injected").isNotEmpty();
            System.out.printf("STOCK-PRICE CONVERGENCE WITH FAULTS (%d articles, %d changes): checksums equal after %d "
                    + "reconciliation night(s); stale readings dropped %d; shop faults %s; wall time %.0f s%n",
                    ARTICLES, rounds * perRound, nights, h.flow().stats().staleReadings(),
                    h.norce.faults().injectedCounts(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** Calls the simulator counted on the days before today (the run crosses midnight at most once). */
    private static long callsOnEarlierDays(StockHarness h, Instant dayStart) {
        java.time.LocalDate first = java.time.LocalDate.ofInstant(dayStart, java.time.ZoneOffset.UTC);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(h.clock.instant(), java.time.ZoneOffset.UTC);
        long calls = 0;
        for (java.time.LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
            calls += h.economic.budget().callsOn(d);
        }
        return calls;
    }

    private static boolean inShop(StockHarness h, String article) {
        EconomicProduct p = h.economic.product(article).orElseThrow();
        BigDecimal onhand = h.shopOnhand(article);
        BigDecimal price = h.shopPrice(NorceStore.PRICE_LIST_SE_B2C, article);
        return onhand != null && onhand.compareTo(p.available().max(BigDecimal.ZERO)) == 0
                && price != null && price.compareTo(p.salesPrice()) == 0;
    }

    /** The baseline: every product read (1000 per call) and every value sent, 1000 rows per import. */
    private static void naiveCycle(StockHarness h) throws Exception {
        List<ArticleReading> all = new ArrayList<>();
        h.assembly.reader().all(all::addAll);
        List<StockRow> stock = new ArrayList<>();
        List<PriceRow> prices = new ArrayList<>();
        for (ArticleReading r : all) {
            stock.add(new StockRow(r.articleNo(), StockRules.shopStock(r, BigDecimal.ZERO, h.shop().stockPrices())));
            if (r.salesPrice() != null && r.salesPrice().signum() > 0) {
                prices.add(new PriceRow("SE-B2C", r.articleNo(), r.salesPrice(), null));
            }
        }
        for (int i = 0; i < stock.size(); i += 1000) {
            h.assembly.writer().setStock(h.shop(), stock.subList(i, Math.min(stock.size(), i + 1000)));
        }
        for (int i = 0; i < prices.size(); i += 1000) {
            h.assembly.writer().setPrices(h.shop(), prices.subList(i, Math.min(prices.size(), i + 1000)));
        }
    }
}

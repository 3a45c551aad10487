package io.jesync.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.DemoCatalog;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;

/**
 * {@code --initial-sync shop-to-economic} of a 20,000-article shop as its own process, killed with SIGKILL in the
 * middle of applying, right after e-conomic stored a product but before the runtime heard of it. The same command
 * resumes; afterwards every article is in e-conomic exactly once, and a third run writes nothing.
 */
@Tag("harness")
class InitialSyncCrashTest {
    private static final int ARTICLES = 20_000;
    private static final String APP_SECRET = "crash-app-secret";
    private static final String GRANT = "crash-grant";
    private static final String CLIENT_SECRET = "crash-client-secret";

    @TempDir
    Path tempDir;

    private static String productNumber(String body) {
        try {
            return io.jesync.json.Json.MAPPER.readTree(body).path("productNumber").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void killed_mid_apply_it_resumes_with_no_duplicates_nothing_lost_and_a_second_run_is_a_no_op() throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 5L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 5L, clock, "crash-client", CLIENT_SECRET)) {
            economic.start();
            norce.start();
            // The token bucket would pace 20,000 writes over 7 minutes of real time; it is measured in the benchmark.
            economic.budget().configure(100_000_000, Duration.ofSeconds(60));
            norce.loadArticles(DemoCatalog.generate(ARTICLES, 99L));
            Map<String, String> env = new HashMap<>();
            env.put("APP_ENVIRONMENT", "live");
            env.put("STORE_JDBC_URL", TestDatabases.freshUrl(TestDatabases.Kind.H2, tempDir.resolve("store")));
            env.put("ECONOMIC_BASE_URL", economic.baseUrl());
            env.put("ECONOMIC_APP_SECRET_TOKEN", APP_SECRET);
            env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", GRANT);
            env.put("ECONOMIC_DAILY_CALL_BUDGET", "1000000");
            env.put("SHOP_SE_BASE_URL", norce.baseUrl());
            env.put("SHOP_SE_CLIENT_ID", "crash-client");
            env.put("SHOP_SE_CLIENT_SECRET", CLIENT_SECRET);
            env.put("SHOP_SE_APPLICATION_IDS", "1001,1002");
            env.put("SHOP_SE_PRODUCTS_REPORTS_DIR", tempDir.resolve("reports").toString());

            Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
            Map<String, java.util.Set<String>> keys = new ConcurrentHashMap<>();
            AtomicInteger writes = new AtomicInteger();
            AtomicReference<RuntimeProcess> running = new AtomicReference<>();
            economic.addRequestListener(request -> {
                if (!request.endpoint().startsWith("GET ")) {
                    writes.incrementAndGet();
                }
                if (request.endpoint().equals("POST /products") && request.status() == 201) {
                    String number = productNumber(request.body());
                    request.headers().forEach((name, values) -> {
                        if (name.equalsIgnoreCase("Idempotency-Key")) {
                            keys.computeIfAbsent(number, k -> ConcurrentHashMap.newKeySet()).addAll(values);
                        }
                    });
                    int n = created.computeIfAbsent(number, k -> new AtomicInteger()).incrementAndGet();
                    if (n == 1 && created.size() == 8_000) {
                        running.get().kill();
                    }
                }
            });
            int productsBefore = economic.productCount();
            java.util.Set<String> before = economic.products().stream()
                    .map(io.jesync.simulator.economic.EconomicProduct::productNumber)
                    .collect(java.util.stream.Collectors.toSet());
            long start = System.nanoTime();

            try (RuntimeProcess first = RuntimeProcess.start(tempDir.resolve("run-1"), env, "--initial-sync",
                    "shop-to-economic")) {
                running.set(first);
                first.awaitExit(Duration.ofMinutes(4));
                assertThat(created).as("killed in the middle").hasSize(8_000);
            }
            try (RuntimeProcess second = RuntimeProcess.start(tempDir.resolve("run-2"), env, "--initial-sync",
                    "shop-to-economic")) {
                running.set(second);
                assertThat(second.awaitExit(Duration.ofMinutes(4))).as(second.output()).isIn(0, 4);
                assertThat(second.output()).contains("applied").doesNotContain(APP_SECRET, GRANT, CLIENT_SECRET);
            }
            int newArticles = (int) DemoCatalog.generate(ARTICLES, 99L).stream()
                    .filter(a -> !before.contains(a.articleNumber())).count();
            // A create the first life sent but never heard back from is sent again with the same key, so e-conomic
            // answers it from its idempotency cache (a second 201) instead of storing it twice.
            assertThat(created).as("every new article created").hasSize(newArticles);
            assertThat(keys).as("one idempotency key per article").allSatisfy((number, used) ->
                    assertThat(used).as(number).hasSize(1));
            assertThat(created.values().stream().filter(c -> c.get() > 1).count()).as("resent after the kill")
                    .isLessThanOrEqualTo(200);
            assertThat(economic.productCount()).isEqualTo(productsBefore + newArticles);

            int writesBefore = writes.get();
            try (RuntimeProcess third = RuntimeProcess.start(tempDir.resolve("run-3"), env, "--initial-sync",
                    "shop-to-economic")) {
                assertThat(third.awaitExit(Duration.ofMinutes(2))).as(third.output()).isIn(0, 4);
                assertThat(third.output()).contains("create 0, update 0");
            }
            assertThat(writes.get()).as("the second full run writes nothing").isEqualTo(writesBefore);
            System.out.printf("InitialSyncCrashTest: %d articles, three lives, %d s%n", ARTICLES,
                    (System.nanoTime() - start) / 1_000_000_000L);
        }
    }
}

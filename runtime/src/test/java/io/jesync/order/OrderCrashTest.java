package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The runtime as its own process, killed with SIGKILL twice in the middle of a batch: once right after
 * e-conomic stored a document but before the runtime could hear of it (so before its local commit), once a
 * while later. After the restarts every order is in e-conomic exactly once. Orders go side by side (the default
 * {@code orders.concurrency}), so each kill also leaves orders sent but not yet acknowledged: the restart must take
 * those up at once, not when the dead worker's lease would have ended.
 */
@Tag("harness")
class OrderCrashTest {
    private static final int ORDERS = 150;
    private static final String APP_SECRET = "crash-test-app-secret";
    private static final String GRANT = "crash-test-grant";
    private static final String CLIENT_SECRET = "crash-test-client-secret";

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void killed_mid_batch_and_between_reply_and_commit_it_restarts_with_every_order_once(Kind kind) throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 3L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 3L, clock, "crash-client", CLIENT_SECRET)) {
            economic.start();
            norce.start();
            DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                    .withSeed(77));
            for (int i = 0; i < ORDERS; i++) {
                norce.setOrderStatus(generator.placeOrderNow().id(), NorceModel.OrderStatus.CONFIRMED.id());
            }
            int adminPort = RuntimeProcess.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("APP_ENVIRONMENT", "live");
            env.put("ADMIN_PORT", Integer.toString(adminPort));
            env.put("STORE_JDBC_URL", TestDatabases.freshUrl(kind, tempDir.resolve("store")));
            env.put("STORE_USERNAME", kind == Kind.POSTGRESQL ? TestDatabases.POSTGRES_USER : "sa");
            env.put("ECONOMIC_BASE_URL", economic.baseUrl());
            env.put("ECONOMIC_APP_SECRET_TOKEN", APP_SECRET);
            env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", GRANT);
            env.put("SHOP_SE_BASE_URL", norce.baseUrl());
            env.put("SHOP_SE_CLIENT_ID", "crash-client");
            env.put("SHOP_SE_CLIENT_SECRET", CLIENT_SECRET);
            env.put("SHOP_SE_APPLICATION_IDS", "1001,1002");
            env.put("SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "1");

            AtomicInteger creates = new AtomicInteger();
            AtomicReference<RuntimeProcess> running = new AtomicReference<>();
            economic.addRequestListener(request -> {
                if (request.endpoint().equals("POST /invoices/drafts") && request.status() == 201) {
                    int n = creates.incrementAndGet();
                    if (n == 20 || n == 90) {
                        // Runs before the simulator answers: the draft is stored, the runtime never hears of it.
                        running.get().kill();
                    }
                }
            });

            for (int life = 1; life <= 3; life++) {
                try (RuntimeProcess runtime = RuntimeProcess.start(tempDir.resolve("run-" + life), env)) {
                    running.set(runtime);
                    if (life < 3) {
                        runtime.awaitExit(Duration.ofMinutes(3));
                        continue;
                    }
                    Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                            .until(() -> acknowledged(runtime, adminPort) == ORDERS);
                    assertThat(runtime.output()).doesNotContain(APP_SECRET, GRANT, CLIENT_SECRET,
                            RuntimeProcess.ADMIN_PASSWORD);
                }
            }

            Map<String, Long> byReference = economic.documents().values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                            Collectors.counting()));
            assertThat(creates.get()).as("both kills happened").isGreaterThanOrEqualTo(90);
            assertThat(byReference).hasSize(ORDERS);
            assertThat(byReference.values()).as("no order twice").allMatch(count -> count == 1);
        }
    }

    private static int acknowledged(RuntimeProcess runtime, int adminPort) throws Exception {
        var response = runtime.get("http://127.0.0.1:" + adminPort + "/api/orders?state=ACKNOWLEDGED&limit=1000");
        if (response == null || response.statusCode() != 200) {
            return -1;
        }
        JsonNode body = new ObjectMapper().readTree(response.body());
        return body.path("count").asInt();
    }
}

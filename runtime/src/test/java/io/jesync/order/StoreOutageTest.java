package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.observe.FlowRuns;
import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.AdminRuntime;
import io.jesync.testsupport.RuntimeProcess;

/**
 * R8, the database going away mid-run: while the store cannot be written, no order's intent can be committed, so
 * nothing may be written to e-conomic; health goes DOWN within 10 s; when the store is back the orders placed
 * meanwhile are transferred, each exactly once. The store is an H2 server in this test, stopped and started again
 * like a database host.
 */
@Tag("harness")
// Opt-in: it takes about two minutes (the outage alone lasts until two order polls have failed against the store).
@Tag("reliability")
class StoreOutageTest {
    private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(10);
    /** Only an upper bound for a loaded machine: each wait ends as soon as its own orders have their documents. */
    private static final Duration TRANSFER_DEADLINE = Duration.ofMinutes(4);

    @Test
    void no_economic_write_while_the_store_is_down_health_down_within_ten_seconds_and_every_order_once_after(
            @TempDir Path dir) throws Exception {
        int storePort = RuntimeProcess.freePort();
        Server store = startStore(storePort, dir);
        try (AdminRuntime runtime = AdminRuntime.start(dir, Map.of(
                "store.jdbc-url", "jdbc:h2:tcp://127.0.0.1:" + storePort + "/store",
                "shop.se.orders.poll-interval-seconds", "1"))) {
            EconomicSimulator economic = runtime.demo.economic();
            NorceSimulator norce = runtime.demo.norce();
            DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                    .withSeed(8));
            ConcurrentLinkedQueue<RecordedRequest> writes = new ConcurrentLinkedQueue<>();
            economic.addRequestListener(request -> {
                if (!"GET".equals(request.method()) && !request.path().startsWith("/_sim/")) {
                    writes.add(request);
                }
            });
            List<String> before = place(generator, norce, 2);
            // Its own orders, by number: the demo shop may hold orders of its own that are transferred too.
            Awaitility.await().atMost(TRANSFER_DEADLINE).pollInterval(Duration.ofMillis(250))
                    .until(() -> documents(economic, before).values().stream().allMatch(n -> n >= 1));

            store.stop();
            Instant down = Instant.now();
            Awaitility.await().atMost(HEALTH_DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(runtime) == 503);
            long healthDownMillis = Duration.between(down, Instant.now()).toMillis();
            List<String> during = place(generator, norce, 3);
            Instant placed = Instant.now();
            FlowRuns runs = runtime.camel().getRegistry().lookupByNameAndType("flowRuns", FlowRuns.class);
            // Two order polls that started after the new orders were in the shop, and failed: the runtime tried.
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        FlowRuns.Run run = runs.of("poll-orders-se");
                        return run.lastFailed() != null && run.lastStarted() != null
                                && run.lastStarted().isAfter(placed) && run.lastFailed().isAfter(run.lastStarted());
                    });
            Instant back = Instant.now();
            List<RecordedRequest> duringOutage = writes.stream()
                    .filter(w -> !w.receivedAt().isBefore(down) && w.receivedAt().isBefore(back)).toList();

            store = startStore(storePort, dir);
            Awaitility.await().atMost(TRANSFER_DEADLINE).pollInterval(Duration.ofMillis(250))
                    .until(() -> documents(economic, during).values().stream().allMatch(n -> n >= 1));
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(runtime) == 200);

            System.out.printf("store outage: health DOWN after %d ms; %d e-conomic writes during %d ms of outage%n",
                    healthDownMillis, duringOutage.size(), Duration.between(down, back).toMillis());
            assertThat(duringOutage).as("e-conomic writes while the store was down").isEmpty();
            assertThat(healthDownMillis).isLessThan(HEALTH_DEADLINE.toMillis());
            List<String> all = new java.util.ArrayList<>(before);
            all.addAll(during);
            assertThat(documents(economic, all)).as("documents per order").allSatisfy((reference, n) ->
                    assertThat(n).as(reference).isEqualTo(1L));
            Map<String, Long> perReference = economic.documents().values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                            Collectors.counting()));
            assertThat(perReference.values()).as("documents per order, the shop's own orders too").containsOnly(1L);
        } finally {
            store.stop();
        }
    }

    private static List<String> place(DemoOrderGenerator generator, NorceSimulator norce, int count) {
        List<String> orderNos = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            NorceModel.Order order = generator.placeOrderNow();
            norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
            orderNos.add(order.orderNo());
        }
        return orderNos;
    }

    /** How many e-conomic documents each of these orders has, by the reference the runtime gives them. */
    private static Map<String, Long> documents(EconomicSimulator economic, List<String> orderNos) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        orderNos.forEach(no -> counts.put("jetshop:se:" + no, 0L));
        economic.documents().values().stream().flatMap(List::stream)
                .filter(d -> counts.containsKey(d.referencesOther()))
                .forEach(d -> counts.merge(d.referencesOther(), 1L, Long::sum));
        return counts;
    }

    private static int status(AdminRuntime runtime) {
        HttpResponse<String> health = runtime.send("GET", "/observe/health", null, null);
        return health == null ? -1 : health.statusCode();
    }

    private static Server startStore(int port, Path dir) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(),
                "-ifNotExists").start();
    }
}

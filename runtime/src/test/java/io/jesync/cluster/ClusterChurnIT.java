package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;

/**
 * R9 at scale: three packaged runtimes on one PostgreSQL database share a backlog of orders while one of them is
 * killed (SIGKILL) again and again, each time right as e-conomic stores a document, so the victim never hears the
 * answer. Every victim is replaced by a fresh instance (its old id stays held until its heartbeat goes stale).
 * Afterwards every order is in e-conomic exactly once: none twice, none lost.
 *
 * <p>Sizes come from system properties so the profile can run it larger: {@code reliability.orders} (default 600)
 * and {@code reliability.kills} (default 6).
 */
@Tag("harness")
@Tag("reliability")
class ClusterChurnIT {
    private static final int ORDERS = Integer.getInteger("reliability.orders", 600);
    private static final int KILLS = Integer.getInteger("reliability.kills", 6);
    private static final Duration START = Duration.ofSeconds(240);
    // The credentials liveEnvironment gives the instances.
    private static final String APP_SECRET = ClusterSchedulingIT.APP_SECRET;
    private static final String GRANT = ClusterSchedulingIT.GRANT;
    private static final String CLIENT_ID = ClusterSchedulingIT.CLIENT_ID;
    private static final String CLIENT_SECRET = ClusterSchedulingIT.CLIENT_SECRET;

    private record Node(String id, int adminPort, RuntimeProcess process) { }

    @Test
    void three_instances_with_one_killed_again_and_again_send_every_order_exactly_once(@TempDir Path dir)
            throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 29L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 29L, clock, CLIENT_ID, CLIENT_SECRET)) {
            economic.start();
            norce.start();
            DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                    .withSeed(41));
            for (int i = 0; i < ORDERS; i++) {
                norce.setOrderStatus(generator.placeOrderNow().id(), NorceModel.OrderStatus.CONFIRMED.id());
            }
            TestDatabases.Login store = TestDatabases.freshPostgresDatabaseOwnedBy("churn", "churn-password");
            List<Node> nodes = new CopyOnWriteArrayList<>();
            AtomicInteger creates = new AtomicInteger();
            AtomicInteger kills = new AtomicInteger();
            int killEvery = Math.max(1, ORDERS / (KILLS + 1));
            economic.addRequestListener(request -> {
                if (request.endpoint().equals("POST /invoices/drafts") && request.status() == 201
                        && creates.incrementAndGet() % killEvery == 0 && kills.get() < KILLS) {
                    // Runs before the simulator answers: the draft is stored, the caller never hears of it.
                    Node victim = nodes.get(kills.getAndIncrement() % nodes.size());
                    victim.process().kill();
                }
            });
            Instant began = Instant.now();
            try {
                for (String id : List.of("node-a", "node-b", "node-c")) {
                    nodes.add(start(dir, id, store, economic, norce));
                }
                int generation = 0;
                while (documented(economic) < ORDERS) {
                    Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                            .until(() -> documented(economic) >= ORDERS
                                    || nodes.stream().anyMatch(node -> !node.process().isAlive()));
                    for (int i = 0; i < nodes.size(); i++) {
                        Node node = nodes.get(i);
                        if (!node.process().isAlive()) {
                            node.process().close();
                            generation++;
                            nodes.set(i, start(dir, node.id().replaceAll("-\\d+$", "") + "-" + generation, store,
                                    economic, norce));
                        }
                    }
                }
                for (Node node : nodes) {
                    assertThat(node.process().output()).doesNotContain(APP_SECRET, GRANT, CLIENT_SECRET,
                            RuntimeProcess.ADMIN_PASSWORD);
                }
            } finally {
                nodes.forEach(node -> node.process().close());
            }
            Map<String, Long> byReference = economic.documents().values().stream().flatMap(List::stream)
                    .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                            Collectors.counting()));
            long duplicates = byReference.values().stream().filter(count -> count > 1).count();
            System.out.printf("churn: %d orders, %d kills, %d draft creates, %d documents, %d duplicates, %d s%n",
                    ORDERS, kills.get(), creates.get(), byReference.size(), duplicates,
                    Duration.between(began, Instant.now()).toSeconds());
            assertThat(kills.get()).as("every planned kill happened").isEqualTo(KILLS);
            assertThat(byReference).as("one document per order, none lost").hasSize(ORDERS);
            assertThat(duplicates).as("orders with more than one document").isZero();
        }
    }

    private static Node start(Path dir, String id, TestDatabases.Login store, EconomicSimulator economic,
                              NorceSimulator norce) {
        int admin = RuntimeProcess.freePort();
        Map<String, String> env = ClusterSchedulingIT.liveEnvironment(id, admin, store, economic, norce);
        RuntimeProcess runtime = RuntimeProcess.startJar(RuntimeProcess.packagedJar(), dir.resolve(id), env);
        runtime.awaitHttp200("http://127.0.0.1:" + admin + "/observe/health/live", START);
        return new Node(id, admin, runtime);
    }

    /** Orders with at least one document in e-conomic. */
    private static long documented(EconomicSimulator economic) {
        return economic.documents().values().stream().flatMap(List::stream)
                .map(EconomicSimulator.DocumentView::referencesOther).distinct().count();
    }
}

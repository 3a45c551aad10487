package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.RecordedRequest;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.store.Database;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;

/**
 * Three packaged runtimes on one PostgreSQL database share their schedules through Quartz's clustered JDBC job store:
 * every run of a flow is recorded in {@code scheduled_run} with the instance that ran it, and e-conomic (the
 * simulator in this JVM) journals every call. Checked: no two runs of one flow ever overlap, across instances; the
 * e-conomic calls of a fixed period are the same with three instances as with one; after one instance is killed
 * (SIGKILL, no goodbye) the flows go on on the survivors well within one claim lease.
 */
@Tag("harness")
public class ClusterSchedulingIT {
    private static final Duration START = Duration.ofSeconds(240);
    /** The period the e-conomic calls are counted over. */
    private static final Duration WINDOW = Duration.ofSeconds(20);
    /** A claim's lease (InstancePresence renews for two minutes): the schedules must move well within it. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    public static final String APP_SECRET = "cluster-it-app-secret";
    public static final String GRANT = "cluster-it-grant";
    public static final String CLIENT_ID = "cluster-it-client";
    public static final String CLIENT_SECRET = "cluster-it-client-secret";
    private static final String STATUS_ROUTE = "poll-status-se";

    @Test
    void three_instances_run_each_schedule_once_at_a_time_and_take_over_from_a_killed_one(@TempDir Path dir)
            throws Exception {
        SimClock clock = new SimClock();
        ConcurrentLinkedQueue<RecordedRequest> calls = new ConcurrentLinkedQueue<>();
        try (EconomicSimulator economic = new EconomicSimulator(0, 17L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 17L, clock, CLIENT_ID, CLIENT_SECRET)) {
            economic.start();
            norce.start();
            economic.addRequestListener(calls::add);
            TestDatabases.Login store = TestDatabases.freshPostgresDatabaseOwnedBy("cluster", "cluster-password");
            List<RuntimeProcess> instances = new ArrayList<>();
            try (Database database = new Database(store.jdbcUrl(), store.username(), store.password())) {
                instances.add(start(dir, "node-a", store, economic, norce));

                DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                        .withSeed(9));
                for (int i = 0; i < 3; i++) {
                    NorceModel.Order order = generator.placeOrderNow();
                    norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
                }
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> economic.draftInvoices().size() >= 3);

                Map<String, Long> one = callsPerEndpoint(calls, WINDOW);
                long runsOne = runsIn(database, STATUS_ROUTE, WINDOW);

                instances.add(start(dir, "node-b", store, economic, norce));
                instances.add(start(dir, "node-c", store, economic, norce));
                Map<String, Long> three = callsPerEndpoint(calls, WINDOW);
                long runsThree = runsIn(database, STATUS_ROUTE, WINDOW);
                long totalOne = one.values().stream().mapToLong(Long::longValue).sum();
                long totalThree = three.values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("cluster: e-conomic calls in %ds with one instance %d %s, with three %d %s;"
                        + " %s runs %d vs %d%n", WINDOW.toSeconds(), totalOne, one, totalThree, three, STATUS_ROUTE,
                        runsOne, runsThree);
                assertThat(totalOne).as("the status poll reads e-conomic on every run").isPositive();
                // Within one run either way: a window may catch one run more or less than the other.
                assertThat(totalThree).as("e-conomic calls with three instances vs one (%s vs %s)", three, one)
                        .isBetween(totalOne - perRun(totalOne, runsOne), totalOne + perRun(totalOne, runsOne));
                String victim = lastRunner(database, STATUS_ROUTE);
                RuntimeProcess killed = instances.get(List.of("node-a", "node-b", "node-c").indexOf(victim));
                killed.kill();
                Instant killedAt = Instant.now();
                Awaitility.await().atMost(LEASE).pollInterval(Duration.ofMillis(250))
                        .until(() -> ScheduledRunLog.all(database.dataSource()).stream().anyMatch(run ->
                                run.routeId().equals(STATUS_ROUTE) && !run.instanceId().equals(victim)
                                        && run.startedAt().isAfter(killedAt) && run.finishedAt() != null));
                Duration takeOver = Duration.between(killedAt, ScheduledRunLog.all(database.dataSource()).stream()
                        .filter(run -> run.routeId().equals(STATUS_ROUTE) && run.startedAt().isAfter(killedAt))
                        .map(ScheduledRunLog.Run::startedAt).min(Instant::compareTo).orElseThrow());
                System.out.printf("cluster: %s killed; next %s run %d ms later%n", victim, STATUS_ROUTE,
                        takeOver.toMillis());

                // Stopped gracefully, the survivors finish what they run, so every run but the victim's has an end.
                for (RuntimeProcess instance : instances) {
                    if (instance != killed) {
                        instance.terminate();
                        instance.awaitExit(Duration.ofSeconds(90));
                    }
                }
                List<ScheduledRunLog.Run> runs = ScheduledRunLog.all(database.dataSource());
                assertThat(overlaps(runs, victim)).as("runs of one flow that overlapped").isEmpty();
                System.out.printf("cluster: %d scheduled runs checked, %d routes, by %s%n", runs.size(),
                        runs.stream().map(ScheduledRunLog.Run::routeId).distinct().count(),
                        runs.stream().collect(Collectors.groupingBy(ScheduledRunLog.Run::instanceId,
                                Collectors.counting())));
            } finally {
                instances.forEach(RuntimeProcess::close);
            }
        }
    }

    /** A live instance on the simulators and the shared store, polling orders every second. */
    public static Map<String, String> liveEnvironment(String id, int admin, TestDatabases.Login store,
                                                      EconomicSimulator economic, NorceSimulator norce) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("APP_INSTANCE_ID", id);
        env.put("ADMIN_PORT", Integer.toString(admin));
        env.put("STORE_JDBC_URL", store.jdbcUrl());
        env.put("STORE_USERNAME", store.username());
        env.put("STORE_PASSWORD", store.password());
        env.put("ECONOMIC_BASE_URL", economic.baseUrl());
        env.put("ECONOMIC_APP_SECRET_TOKEN", APP_SECRET);
        env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", GRANT);
        env.put("SHOP_SE_BASE_URL", norce.baseUrl());
        env.put("SHOP_SE_CLIENT_ID", CLIENT_ID);
        env.put("SHOP_SE_CLIENT_SECRET", CLIENT_SECRET);
        env.put("SHOP_SE_APPLICATION_IDS", "1001,1002");
        env.put("SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "1");
        return env;
    }

    static RuntimeProcess start(Path dir, String id, TestDatabases.Login store, EconomicSimulator economic,
                                NorceSimulator norce) {
        int admin = RuntimeProcess.freePort();
        Map<String, String> env = liveEnvironment(id, admin, store, economic, norce);
        env.put("SHOP_SE_STATUS_ENABLED", "true");
        env.put("SHOP_SE_STATUS_POLL_INTERVAL", "1s");
        RuntimeProcess runtime = RuntimeProcess.startJar(RuntimeProcess.packagedJar(), dir.resolve(id), env);
        runtime.awaitHttp200("http://127.0.0.1:" + admin + "/observe/health/live", START);
        return runtime;
    }

    /** The e-conomic calls in the next {@code window}, per endpoint; the per-instance credential checks left out. */
    private static Map<String, Long> callsPerEndpoint(ConcurrentLinkedQueue<RecordedRequest> calls, Duration window) {
        Instant from = Instant.now();
        Instant to = from.plus(window);
        Awaitility.await().atMost(window.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(to));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RecordedRequest call : calls) {
            Instant at = call.receivedAt();
            if (!at.isBefore(from) && at.isBefore(to) && !call.endpoint().contains("/self")) {
                counts.merge(call.endpoint(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Calls one run makes, rounded up, at least one. */
    private static long perRun(long calls, long runs) {
        return Math.max(1, (calls + Math.max(1, runs) - 1) / Math.max(1, runs));
    }

    private static long runsIn(Database database, String route, Duration window) throws SQLException {
        Instant since = Instant.now().minus(window);
        return ScheduledRunLog.all(database.dataSource()).stream()
                .filter(run -> run.routeId().equals(route) && run.startedAt().isAfter(since)).count();
    }

    private static String lastRunner(Database database, String route) throws SQLException {
        List<ScheduledRunLog.Run> runs = ScheduledRunLog.all(database.dataSource()).stream()
                .filter(run -> run.routeId().equals(route)).toList();
        return runs.get(runs.size() - 1).instanceId();
    }

    /**
     * Pairs of runs of one route where the later one started before the earlier one finished. A run that never
     * finished is only allowed for the killed instance, and then says nothing about overlap.
     */
    static List<String> overlaps(List<ScheduledRunLog.Run> runs, String killed) {
        List<String> found = new ArrayList<>();
        Map<String, List<ScheduledRunLog.Run>> byRoute = runs.stream()
                .collect(Collectors.groupingBy(ScheduledRunLog.Run::routeId));
        byRoute.forEach((route, list) -> {
            ScheduledRunLog.Run previous = null;
            for (ScheduledRunLog.Run run : list) {
                if (run.finishedAt() == null && !run.instanceId().equals(killed)) {
                    found.add("unfinished " + run);
                }
                if (previous != null && previous.finishedAt() != null
                        && run.startedAt().isBefore(previous.finishedAt())) {
                    found.add(previous + " / " + run);
                }
                previous = run;
            }
        });
        return found;
    }
}

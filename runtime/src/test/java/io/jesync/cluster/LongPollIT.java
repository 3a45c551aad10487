package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.simulator.FaultRule;
import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.store.Database;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;

/**
 * R18, a poll slower than its schedule: once three orders are transferred, every e-conomic read is held back three
 * seconds by the simulator, so each run of the status poll (scheduled every second), which follows them, takes
 * several intervals; two instances share one PostgreSQL database. The runs of the flow never overlap, neither on one
 * instance nor across the two: the triggers that misfired meanwhile are not run alongside the slow run, on the other
 * instance or as a catch-up.
 */
@Tag("harness")
@Tag("reliability")
class LongPollIT {
    private static final String STATUS_ROUTE = "poll-status-se";
    private static final long SLOW_MILLIS = 3_000;
    private static final int RUNS = 8;

    @Test
    void a_poll_slower_than_its_interval_never_runs_twice_at_once_across_instances(@TempDir Path dir)
            throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 18L, clock, ClusterSchedulingIT.APP_SECRET,
                ClusterSchedulingIT.GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 18L, clock, ClusterSchedulingIT.CLIENT_ID,
                     ClusterSchedulingIT.CLIENT_SECRET)) {
            economic.start();
            norce.start();
            TestDatabases.Login store = TestDatabases.freshPostgresDatabaseOwnedBy("longpoll", "longpoll-password");
            List<RuntimeProcess> instances = new ArrayList<>();
            try (Database database = new Database(store.jdbcUrl(), store.username(), store.password())) {
                instances.add(ClusterSchedulingIT.start(dir, "node-a", store, economic, norce));
                instances.add(ClusterSchedulingIT.start(dir, "node-b", store, economic, norce));
                // The status poll reads e-conomic only while it follows transferred orders.
                DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                        .withSeed(18));
                for (int i = 0; i < 3; i++) {
                    norce.setOrderStatus(generator.placeOrderNow().id(), NorceModel.OrderStatus.CONFIRMED.id());
                }
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> economic.draftInvoices().size() >= 3);
                economic.faults().configure(18L, List.of(FaultRule.none("GET ").withSlow(1.0, SLOW_MILLIS)));
                Instant slowFrom = Instant.now();
                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> finished(database, slowFrom).size() >= RUNS);
                for (RuntimeProcess instance : instances) {
                    instance.terminate();
                    instance.awaitExit(Duration.ofSeconds(90));
                }
                List<ScheduledRunLog.Run> runs = finished(database, slowFrom);
                List<Duration> lengths = runs.stream().map(run -> Duration.between(run.startedAt(),
                        run.finishedAt())).toList();
                List<Duration> gaps = new ArrayList<>();
                for (int i = 1; i < runs.size(); i++) {
                    gaps.add(Duration.between(runs.get(i - 1).finishedAt(), runs.get(i).startedAt()));
                }
                System.out.printf("long-poll: %d runs of %s by %s; lengths %s; gaps after the previous run %s%n",
                        runs.size(), STATUS_ROUTE, runs.stream().map(ScheduledRunLog.Run::instanceId).distinct()
                                .sorted().toList(), lengths, gaps);
                assertThat(lengths).as("each run is slower than its 1 s interval")
                        .allMatch(length -> length.toMillis() >= SLOW_MILLIS);
                assertThat(ClusterSchedulingIT.overlaps(ScheduledRunLog.all(database.dataSource()), ""))
                        .as("runs of one flow that overlapped").isEmpty();
            } finally {
                instances.forEach(RuntimeProcess::close);
            }
        }
    }

    /** Finished runs of the status poll that started after the reads were made slow. */
    private static List<ScheduledRunLog.Run> finished(Database database, Instant from) throws Exception {
        return ScheduledRunLog.all(database.dataSource()).stream()
                .filter(run -> run.routeId().equals(STATUS_ROUTE) && run.finishedAt() != null
                        && run.startedAt().isAfter(from)).toList();
    }
}

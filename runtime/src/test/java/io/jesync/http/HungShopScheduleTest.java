package io.jesync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.cluster.ScheduledRunLog;
import io.jesync.simulator.FaultRule;
import io.jesync.testsupport.AdminRuntime;

/**
 * R15's other half, in the whole runtime with five shops: while Norce accepts every call and never answers (the
 * simulator holds each one two minutes), every shop's order and reversal polls hang in their Norce reads until
 * {@code norce.read-timeout-seconds}, and the status poll, which reads e-conomic only while it has nothing to write to
 * the shop, keeps its 1-second schedule meanwhile: its runs start on time, not behind the hung calls (Quartz worker
 * threads, the flows' pools, the store and the token lock are shared). Quartz has a worker for every schedule. And
 * the runtime stops, with Norce still hanging, within {@link #STOP_BOUND}: the calls in flight end at their read timeout
 * and nothing sends again once the stop began (the stock and price tick, which imports to every shop in turn and tries
 * each import three times, held the stop for minutes before).
 */
@Tag("harness")
// Opt-in: five shops' runtime, a hang of one read timeout and the stop behind the held Norce calls take about a minute.
@Tag("reliability")
class HungShopScheduleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration NORCE_READ_TIMEOUT = Duration.ofSeconds(8);
    private static final int RUNS_DURING_THE_HANG = 5;
    /** The calls in flight end within one read timeout; well inside Camel's 45 s for a graceful stop. */
    private static final Duration STOP_BOUND = NORCE_READ_TIMEOUT.multipliedBy(3);
    /** Five shops: ten polls hung on Norce at once, as many as Quartz's default pool has threads. */
    private static final List<String> SHOPS = List.of("se", "no", "dk", "fi", "de");

    @TempDir
    Path dir;

    @Test
    void while_norce_hangs_the_order_poll_waits_out_its_read_timeout_and_the_status_poll_keeps_its_schedule()
            throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("shops", String.join(",", SHOPS),
                "shop.se.status.poll-interval", "1s",
                "norce.read-timeout-seconds", Long.toString(NORCE_READ_TIMEOUT.toSeconds())));
        for (String shop : SHOPS) {
            // Both read Norce on every run, so each shop has two of them hung at once.
            settings.put("shop." + shop + ".orders.poll-interval-seconds", "1");
            settings.put("shop." + shop + ".reversal.poll-interval", "1s");
        }
        try (AdminRuntime runtime = AdminRuntime.start(dir, settings)) {
            List<Route> schedules = runtime.camel().getRoutes().stream()
                    .filter(route -> route.getEndpoint() instanceof QuartzEndpoint).toList();
            int workers = runtime.camel().getComponent("quartz", QuartzComponent.class).getScheduler().getMetaData()
                    .getThreadPoolSize();
            assertThat(workers).as("Quartz workers for " + schedules.size() + " schedules")
                    .isGreaterThanOrEqualTo(schedules.size());
            // The status poll reads e-conomic only while it follows a transferred order: the demo shop's first ones.
            await().atMost(Duration.ofMinutes(1)).until(() -> !runtime.demo.economic().draftInvoices().isEmpty());

            runtime.demo.norce().faults().configure(15L, List.of(FaultRule.none("").withSlow(1.0, 120_000)));
            Instant hungFrom = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> firstRunFrom(runtime, "poll-orders-se", hungFrom)
                    .filter(run -> run.finishedAt() != null).isPresent());
            ScheduledRunLog.Run hung = firstRunFrom(runtime, "poll-orders-se", hungFrom).orElseThrow();
            List<Instant> statusStarts = runs(runtime, "poll-status-se").stream()
                    .map(ScheduledRunLog.Run::startedAt)
                    .filter(start -> !start.isBefore(hung.startedAt()) && start.isBefore(hung.finishedAt())).toList();
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < statusStarts.size(); i++) {
                gaps.add(Duration.between(statusStarts.get(i - 1), statusStarts.get(i)).toMillis());
            }
            Duration hang = Duration.between(hung.startedAt(), hung.finishedAt());
            long stopFrom = System.nanoTime();
            runtime.camel().stop();
            Duration stop = Duration.ofNanos(System.nanoTime() - stopFrom);

            System.out.println("hanging: order poll hung " + hang.toMillis() + " ms (failed " + hung.failed()
                    + "); status poll started " + statusStarts.size() + " times meanwhile, " + gaps
                    + " ms apart (interval " + INTERVAL.toMillis() + " ms); stopped in " + stop.toMillis()
                    + " ms while Norce still hangs");
            assertThat(hang).as("the order poll waits for Norce until its read timeout")
                    .isGreaterThanOrEqualTo(NORCE_READ_TIMEOUT.minusMillis(100));
            assertThat(statusStarts).as("status runs during the hang").hasSizeGreaterThanOrEqualTo(
                    RUNS_DURING_THE_HANG);
            assertThat(Duration.between(hung.startedAt(), statusStarts.get(0))).as("first status run's lag")
                    .isLessThan(INTERVAL.multipliedBy(2));
            assertThat(gaps).as("each status run starts less than one interval late")
                    .allSatisfy(gap -> assertThat(gap).isLessThan(INTERVAL.multipliedBy(2).toMillis()));
            assertThat(stop).as("the stop while Norce hangs").isLessThan(STOP_BOUND);
        }
    }

    private static Optional<ScheduledRunLog.Run> firstRunFrom(AdminRuntime runtime, String route, Instant from)
            throws Exception {
        return runs(runtime, route).stream().filter(run -> !run.startedAt().isBefore(from)).findFirst();
    }

    private static List<ScheduledRunLog.Run> runs(AdminRuntime runtime, String route) throws Exception {
        return ScheduledRunLog.all(runtime.database.dataSource()).stream().filter(run -> run.routeId().equals(route))
                .toList();
    }
}

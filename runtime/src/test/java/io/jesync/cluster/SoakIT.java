package io.jesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;

/**
 * R21, the soak: the packaged jar runs for a long stretch against both simulators at twice the expected order volume
 * with 2 % mixed faults (seeded), on PostgreSQL, with a retention job that runs every minute on short ages. After a
 * warm-up the process is sampled: live heap after a full GC ({@code jcmd GC.class_histogram}), threads and open file
 * descriptors ({@code /proc/<pid>}), its connections to the database ({@code pg_stat_activity}) and every table's
 * size. Checked: heap growth under 10 % an hour (least-squares slope over the samples), threads, descriptors and
 * connections within ±5 of their median, no history row left past its retention age, and, once the load stops and
 * the backlog drains, every order either in e-conomic exactly once or parked with its reason.
 *
 * <p>System properties: {@code reliability.soak.minutes} (default 30), {@code reliability.soak.orders-per-minute}
 * (default 12: twice the demo's steady 6 a minute, which the project takes as a shop's expected volume),
 * {@code reliability.soak.fault-rate} (0.02), {@code reliability.soak.seed}, {@code reliability.soak.sample-seconds}
 * (20). The samples go to {@code target/soak/soak-samples.csv}, the summary to standard output ({@code soak:} lines).
 */
@Tag("harness")
@Tag("reliability")
class SoakIT {
    private static final Duration LENGTH = Duration.ofMinutes(Long.getLong("reliability.soak.minutes", 30));
    private static final Duration WARM_UP = Duration.ofMinutes(Math.max(1, LENGTH.toMinutes() / 6));
    private static final int ORDERS_PER_MINUTE = Integer.getInteger("reliability.soak.orders-per-minute", 12);
    private static final double FAULT_RATE = Double.parseDouble(System.getProperty("reliability.soak.fault-rate",
            "0.02"));
    private static final long SEED = Long.getLong("reliability.soak.seed", 2117L);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(Long.getLong("reliability.soak.sample-seconds",
            20));
    /** One order in this many is one the shop should never have let through; it must be parked, not lost. */
    private static final int BAD_EVERY = 25;
    private static final double MAX_HEAP_GROWTH_PER_HOUR = 0.10;
    private static final int STABLE_WITHIN = 5;
    /** The short ages the soak gives the retention job, and the job's schedule (every minute). */
    private static final Duration ORDER_EVENT_AGE = Duration.ofMinutes(2);
    private static final Duration SCHEDULED_RUN_AGE = Duration.ofMinutes(1);
    private static final Duration RETENTION_LATENESS = Duration.ofSeconds(90);
    /** The last line of {@code jcmd GC.class_histogram}: instances and bytes of everything live after its full GC. */
    private static final Pattern LIVE_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    record Sample(Duration elapsed, long heapKb, int threads, int fds, int connections, int placed, int documented,
                  Map<String, Long> tables, Map<String, Long> overdue) {
    }

    @Test
    void the_packaged_runtime_under_steady_load_and_faults_keeps_its_resources_flat_and_every_order_once(
            @TempDir Path dir) throws Exception {
        SimClock clock = new SimClock();
        String appSecret = ClusterSchedulingIT.APP_SECRET;
        try (EconomicSimulator economic = new EconomicSimulator(0, SEED, clock, appSecret, ClusterSchedulingIT.GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, SEED, clock, ClusterSchedulingIT.CLIENT_ID,
                     ClusterSchedulingIT.CLIENT_SECRET)) {
            economic.start();
            norce.start();
            economic.faults().configure(SEED, List.of(mixedFaults("", FAULT_RATE)));
            norce.faults().configure(SEED + 1, List.of(mixedFaults("", FAULT_RATE)));
            TestDatabases.Login store = TestDatabases.freshPostgresDatabaseOwnedBy("soak", "soak-password");
            int admin = RuntimeProcess.freePort();
            Map<String, String> env = ClusterSchedulingIT.liveEnvironment("soak", admin, store, economic, norce);
            env.put("SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "10");
            env.put("SHOP_SE_STATUS_ENABLED", "true");
            env.put("SHOP_SE_STATUS_POLL_INTERVAL", "30s");
            env.put("SHOP_SE_REVERSAL_ENABLED", "true");
            env.put("SHOP_SE_REVERSAL_POLL_INTERVAL", "30s");
            env.put("STORE_RETENTION_CRON", "0 * * * * ?");
            env.put("STORE_RETENTION_ORDER_EVENTS", ORDER_EVENT_AGE.toMinutes() + "m");
            env.put("STORE_RETENTION_SCHEDULED_RUNS", SCHEDULED_RUN_AGE.toMinutes() + "m");

            Map<String, Boolean> placed = new ConcurrentHashMap<>();
            DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                    .withSeed(SEED));
            ScheduledExecutorService shop = Executors.newSingleThreadScheduledExecutor();
            List<Sample> samples = new ArrayList<>();
            Path csv = RuntimeProcess.packagedJar().getParent().resolve("soak").resolve("soak-samples.csv");
            Instant began = Instant.now();
            try (RuntimeProcess runtime = RuntimeProcess.startJar(RuntimeProcess.packagedJar(), dir.resolve("soak"),
                    env);
                 Connection db = DriverManager.getConnection(store.jdbcUrl(), TestDatabases.POSTGRES_USER, "")) {
                runtime.awaitHttp200("http://127.0.0.1:" + admin + "/observe/health/live", Duration.ofMinutes(4));
                long every = Math.max(1, 60_000L / ORDERS_PER_MINUTE);
                shop.scheduleAtFixedRate(() -> placeOne(generator, norce, placed), 0, every, TimeUnit.MILLISECONDS);
                Instant start = Instant.now();
                Instant end = start.plus(LENGTH);
                Instant next = start;
                while (next.isBefore(end)) {
                    Instant due = next;
                    Awaitility.await().atMost(SAMPLE_EVERY.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                            .until(() -> !Instant.now().isBefore(due) || !runtime.isAlive());
                    assertThat(runtime.isAlive()).as("the runtime is still running:\n%s", tail(runtime))
                            .isTrue();
                    samples.add(sample(runtime, db, store, economic, placed, Duration.between(start,
                            Instant.now())));
                    writeCsv(csv, samples);
                    next = next.plus(SAMPLE_EVERY);
                }
                shop.shutdownNow();
                Set<String> orders = Set.copyOf(placed.keySet());
                assertThat(orders).as("orders the shop placed at %d a minute", ORDERS_PER_MINUTE)
                        .hasSizeGreaterThanOrEqualTo((int) (LENGTH.toMinutes() * ORDERS_PER_MINUTE * 9 / 10));
                Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> unsettled(db, orders).isEmpty() || !runtime.isAlive());
                assertThat(unsettled(db, orders)).as("orders neither in e-conomic nor parked after the drain")
                        .isEmpty();
                assertThat(runtime.output()).doesNotContain(appSecret, ClusterSchedulingIT.GRANT,
                        ClusterSchedulingIT.CLIENT_SECRET, store.password(), RuntimeProcess.ADMIN_PASSWORD);

                List<Sample> steady = samples.stream().filter(s -> s.elapsed().compareTo(WARM_UP) >= 0).toList();
                double heapGrowth = growthPerHour(steady);
                Map<String, Long> documents = byReference(economic);
                long duplicates = documents.values().stream().filter(n -> n > 1).count();
                Map<String, Integer> states = ledgerStates(db, orders);
                List<String> lost = lost(orders, placed, states, documents);
                System.out.printf("soak: %d min at %d orders/min, %.1f %% faults (seed %d); %d samples, %d after"
                                + " %d min warm-up; %d orders placed (%d bad), ledger %s; %d documents, %d duplicates,"
                                + " %d lost; e-conomic faults %s, Norce faults %s; %d s in all%n",
                        LENGTH.toMinutes(), ORDERS_PER_MINUTE, FAULT_RATE * 100, SEED, samples.size(), steady.size(),
                        WARM_UP.toMinutes(), orders.size(), placed.values().stream().filter(bad -> bad).count(),
                        states, documents.size(), duplicates, lost.size(), economic.faults().injectedCounts(),
                        norce.faults().injectedCounts(), Duration.between(began, Instant.now()).toSeconds());
                System.out.printf("soak: heap after GC %s KB (growth %.1f %%/h); threads %s; fds %s; db connections"
                                + " %s%n", range(steady, Sample::heapKb), heapGrowth * 100,
                        range(steady, Sample::threads), range(steady, Sample::fds), range(steady, Sample::connections));
                System.out.printf("soak: tables at the first and last steady sample %s -> %s; rows past retention"
                        + " (max over samples) %s; samples in %s%n", steady.get(0).tables(),
                        steady.get(steady.size() - 1).tables(), maxOverdue(steady), csv);

                assertThat(steady).as("samples after the warm-up").hasSizeGreaterThanOrEqualTo(3);
                assertThat(heapGrowth).as("heap after GC, growth per hour").isLessThan(MAX_HEAP_GROWTH_PER_HOUR);
                assertStable(steady, "threads", Sample::threads);
                assertStable(steady, "open file descriptors", Sample::fds);
                assertStable(steady, "database connections", Sample::connections);
                assertThat(maxOverdue(steady)).as("history rows left past their retention age")
                        .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
                assertThat(duplicates).as("orders with more than one e-conomic document").isZero();
                assertThat(lost).as("orders lost (neither one document nor parked with a reason)").isEmpty();
            } finally {
                shop.shutdownNow();
            }
        }
    }

    /** The faults of R2/R3 in equal parts: 500, 503, 429, connection reset and a stored write whose answer is lost. */
    private static FaultRule mixedFaults(String endpoint, double rate) {
        double each = rate / 5;
        return FaultRule.none(endpoint).withServerError(each).withUnavailable(each).withRateLimited(each, 1)
                .withConnectionReset(each).withLostResponse(each);
    }

    private static void placeOne(DemoOrderGenerator generator, NorceSimulator norce, Map<String, Boolean> placed) {
        boolean bad = (generator.placedCount() + 1) % BAD_EVERY == 0;
        DemoOrderGenerator.BadOrder[] kinds = DemoOrderGenerator.BadOrder.values();
        NorceModel.Order order = bad
                ? generator.placeBadOrder(kinds[(int) (generator.placedCount() / BAD_EVERY % kinds.length)])
                : generator.placeOrderNow();
        norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
        placed.put(order.orderNo(), bad);
    }

    private static Sample sample(RuntimeProcess runtime, Connection db, TestDatabases.Login store,
                                 EconomicSimulator economic, Map<String, Boolean> placed, Duration elapsed)
            throws SQLException {
        long pid = runtime.pid();
        // One call that collects and then measures, so nothing the runtime allocates in between is counted.
        Matcher live = LIVE_TOTAL.matcher(jcmd(pid, "GC.class_histogram"));
        if (!live.find()) {
            throw new AssertionError("no total in jcmd GC.class_histogram of " + pid);
        }
        Map<String, Long> tables = new TreeMap<>();
        for (String table : tables(db)) {
            tables.put(table, count(db, "SELECT count(*) FROM " + table));
        }
        Map<String, Long> overdue = new LinkedHashMap<>();
        Instant now = Instant.now();
        overdue.put("order_event", count(db, "SELECT count(*) FROM order_event e WHERE e.at < ? AND EXISTS (SELECT 1"
                + " FROM order_ledger l WHERE l.shop_id = e.shop_id AND l.order_no = e.order_no"
                + " AND l.state IN ('ACKNOWLEDGED', 'SKIPPED'))",
                now.minus(ORDER_EVENT_AGE).minus(RETENTION_LATENESS)));
        overdue.put("scheduled_run", count(db, "SELECT count(*) FROM scheduled_run WHERE started_at < ?",
                now.minus(SCHEDULED_RUN_AGE).minus(RETENTION_LATENESS)));
        int connections = (int) count(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                + store.username() + "'");
        return new Sample(elapsed, Long.parseLong(live.group(1)) / 1024, threads(pid), fds(pid), connections,
                placed.size(), byReference(economic).size(), tables, overdue);
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("jcmd " + pid + " " + command + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int threads(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("Threads:")).map(line -> line.substring(8).strip())
                    .mapToInt(Integer::parseInt).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int fds(long pid) {
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) open.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> tables(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static long count(Connection db, String sql, Instant... before) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < before.length; i++) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(before[i], ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Ledger state per order number of the shop's orders. */
    private static Map<String, String> ledger(Connection db) throws SQLException {
        Map<String, String> states = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_no, state, reason FROM order_ledger"
                     + " WHERE shop_id = 'se'")) {
            while (rows.next()) {
                String reason = rows.getString(3);
                states.put(rows.getString(1), rows.getString(2) + (reason == null || reason.isBlank() ? "" : ":r"));
            }
        }
        return states;
    }

    /** Orders not yet in a final state: acknowledged after their document, or parked with a reason. */
    private static List<String> unsettled(Connection db, Set<String> orders) throws SQLException {
        Map<String, String> states = ledger(db);
        return orders.stream().filter(no -> {
            String state = states.get(no);
            return state == null || !(state.startsWith("ACKNOWLEDGED") || state.equals("PARKED:r"));
        }).sorted().toList();
    }

    private static Map<String, Integer> ledgerStates(Connection db, Set<String> orders) throws SQLException {
        return ledger(db).entrySet().stream().filter(e -> orders.contains(e.getKey()))
                .collect(Collectors.groupingBy(e -> e.getValue().replace(":r", ""), TreeMap::new,
                        Collectors.summingInt(e -> 1)));
    }

    /**
     * Orders the journal and the ledger disagree on: a good order without exactly one document, or a bad one that
     * is not parked with a reason.
     */
    private static List<String> lost(Set<String> orders, Map<String, Boolean> placed, Map<String, Integer> states,
                                     Map<String, Long> documents) {
        List<String> lost = new ArrayList<>();
        for (String no : orders) {
            long found = documents.entrySet().stream().filter(e -> e.getKey().endsWith(":" + no))
                    .mapToLong(Map.Entry::getValue).sum();
            if (!placed.get(no) && found != 1) {
                lost.add(no + " with " + found + " documents");
            }
        }
        assertThat(states.values().stream().mapToInt(Integer::intValue).sum()).as("ledger rows of the placed orders")
                .isEqualTo(orders.size());
        return lost;
    }

    private static Map<String, Long> byReference(EconomicSimulator economic) {
        return economic.documents().values().stream().flatMap(List::stream)
                .filter(document -> document.referencesOther() != null)
                .collect(Collectors.groupingBy(EconomicSimulator.DocumentView::referencesOther,
                        Collectors.counting()));
    }

    /** Least-squares slope of heap after GC over time, per hour, as a share of the mean. */
    static double growthPerHour(List<Sample> samples) {
        double n = samples.size();
        double meanX = samples.stream().mapToDouble(s -> s.elapsed().toMillis() / 3_600_000.0).sum() / n;
        double meanY = samples.stream().mapToDouble(Sample::heapKb).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (Sample s : samples) {
            double x = s.elapsed().toMillis() / 3_600_000.0 - meanX;
            covariance += x * (s.heapKb() - meanY);
            variance += x * x;
        }
        return variance == 0 ? 0 : covariance / variance / meanY;
    }

    private static void assertStable(List<Sample> samples, String what, java.util.function.ToIntFunction<Sample> f) {
        List<Integer> values = samples.stream().map(f::applyAsInt).sorted().toList();
        int median = values.get(values.size() / 2);
        assertThat(values).as("%s within ±%d of their median %d", what, STABLE_WITHIN, median)
                .allSatisfy(v -> assertThat(v).isBetween(median - STABLE_WITHIN, median + STABLE_WITHIN));
    }

    private static String range(List<Sample> samples, java.util.function.ToLongFunction<Sample> f) {
        List<Long> values = samples.stream().map(f::applyAsLong).sorted().toList();
        return values.get(0) + ".." + values.get(values.size() - 1) + " (median " + values.get(values.size() / 2)
                + ")";
    }

    private static Map<String, Long> maxOverdue(List<Sample> samples) {
        Map<String, Long> max = new TreeMap<>();
        samples.forEach(s -> s.overdue().forEach((table, rows) -> max.merge(table, rows, Math::max)));
        return max;
    }

    private static void writeCsv(Path csv, List<Sample> samples) {
        List<String> tables = List.copyOf(samples.get(0).tables().keySet());
        List<String> lines = new ArrayList<>();
        lines.add("elapsed_s,heap_after_gc_kb,threads,fds,db_connections,orders_placed,orders_documented,"
                + "overdue_order_event,overdue_scheduled_run," + String.join(",", tables));
        for (Sample s : samples) {
            lines.add(s.elapsed().toSeconds() + "," + s.heapKb() + "," + s.threads() + "," + s.fds() + ","
                    + s.connections() + "," + s.placed() + "," + s.documented() + "," + s.overdue().get("order_event")
                    + "," + s.overdue().get("scheduled_run") + ","
                    + tables.stream().map(t -> String.valueOf(s.tables().getOrDefault(t, 0L)))
                    .collect(Collectors.joining(",")));
        }
        try {
            Files.createDirectories(csv.getParent());
            Files.write(csv, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(RuntimeProcess runtime) {
        String out = runtime.output();
        return out.substring(Math.max(0, out.length() - 4_000));
    }
}

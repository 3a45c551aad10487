package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.RuntimeProcess;
import io.jesync.testsupport.TestDatabases;

/**
 * The artifact users run: {@code target/jetshop-economic-sync.jar} started with {@code java -jar} (the container's
 * start command), so only what the jar holds is on the classpath. A jar that lost a service file (the PostgreSQL
 * driver, Camel's type converters, a component) fails here although every test on the Maven classpath passes.
 */
@Tag("harness")
class PackagedJarIT {
    private static final Duration START = Duration.ofSeconds(180);
    private static final String APP_SECRET = "jar-it-app-secret";
    private static final String GRANT = "jar-it-grant";
    private static final String CLIENT_ID = "jar-it-client";
    private static final String CLIENT_SECRET = "jar-it-client-secret";
    private static final String STORE_PASSWORD = "jar-it-store-password";

    @Test
    void demo_mode_on_h2_turns_a_shop_order_into_an_economic_document_and_stops_on_sigterm(@TempDir Path dir)
            throws Exception {
        int admin = RuntimeProcess.freePort();
        int economic = RuntimeProcess.freePort();
        Map<String, String> env = Map.of("ADMIN_PORT", Integer.toString(admin),
                "SIMULATOR_ECONOMIC_PORT", Integer.toString(economic),
                "SIMULATOR_NORCE_PORT", Integer.toString(RuntimeProcess.freePort()),
                "DEMO_ORDERS_PER_MINUTE", "60",
                "SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "2");

        long started = System.nanoTime();
        try (RuntimeProcess runtime = RuntimeProcess.startJar(RuntimeProcess.packagedJar(), dir, env)) {
            runtime.awaitHttp200("http://127.0.0.1:" + admin + "/observe/health", START);
            report("demo on H2", started);
            assertThat(healthyWithinDockerRetries("http://127.0.0.1:" + admin + "/observe/health/live"))
                    .as("the image's HEALTHCHECK command, with the image's 3 retries").isTrue();

            String documents = "http://127.0.0.1:" + economic + "/_sim/economic/documents";
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> draftInvoiceReferences(runtime.get(documents, null, null)).stream()
                            .anyMatch(reference -> reference.startsWith("jetshop:se:")));
            String acknowledged = "http://127.0.0.1:" + admin + "/api/orders?state=ACKNOWLEDGED";
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(runtime.get(acknowledged)) > 0);

            stopsGracefullyOnSigterm(runtime);
            assertThat(runtime.output()).contains("Demo simulators stopped");
            assertThat(healthProbe("http://127.0.0.1:" + admin + "/observe/health/live"))
                    .as("probe of a stopped runtime").isEqualTo(1);
        }
    }

    /**
     * Live mode set up exactly as README "Going live" and docs/store.md tell an operator: {@code APP_ENVIRONMENT},
     * the shop's base URL, client id and application ids, the secrets and the admin password from the environment,
     * and {@code STORE_JDBC_URL}/{@code STORE_USERNAME}/{@code STORE_PASSWORD} for PostgreSQL. Only the e-conomic
     * base URL differs from a real installation, to reach the simulator running in this test's JVM.
     */
    @Test
    void live_mode_on_postgresql_turns_a_norce_order_into_an_economic_document_and_stops_on_sigterm(
            @TempDir Path dir) throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 11L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 11L, clock, CLIENT_ID, CLIENT_SECRET)) {
            economic.start();
            norce.start();
            TestDatabases.Login store = TestDatabases.freshPostgresDatabaseOwnedBy("jesync", STORE_PASSWORD);
            int admin = RuntimeProcess.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("APP_ENVIRONMENT", "live");
            env.put("APP_INSTANCE_ID", "jar-it");
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

            long started = System.nanoTime();
            try (RuntimeProcess runtime = RuntimeProcess.startJar(RuntimeProcess.packagedJar(), dir, env)) {
                runtime.awaitHttp200("http://127.0.0.1:" + admin + "/observe/health", START);
                report("live on PostgreSQL", started);
                runtime.awaitHttp200("http://127.0.0.1:" + admin + "/observe/health/ready", START);

                DemoOrderGenerator generator = new DemoOrderGenerator(norce, DemoOrderGenerator.Settings.defaults()
                        .withSeed(5));
                NorceModel.Order order = generator.placeOrderNow();
                norce.setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
                String reference = "jetshop:se:" + order.orderNo();
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> economic.draftInvoices().stream()
                                .anyMatch(document -> reference.equals(document.referencesOther())));

                assertThat(ledgerStates(store)).as("the order's ledger row is in PostgreSQL").isNotEmpty();

                stopsGracefullyOnSigterm(runtime);
                assertThat(runtime.output()).doesNotContain(APP_SECRET, GRANT, CLIENT_SECRET, STORE_PASSWORD,
                        RuntimeProcess.ADMIN_PASSWORD);
            }
        }
    }

    /**
     * SIGTERM ({@code docker stop}, Ctrl-C) runs Camel's shutdown: routes finish what they hold, then the JVM ends
     * with 143, the status of a process that stopped on SIGTERM (128 + 15), which Docker and systemd expect.
     */
    private static void stopsGracefullyOnSigterm(RuntimeProcess runtime) {
        runtime.terminate();
        assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
        assertThat(runtime.output())
                .contains("JVM shutdown hook triggered by SIGTERM", "(jetshop-economic-sync) shutdown in")
                .doesNotContain("[ERROR]");
    }

    /** The container's health check: the probe class run from the packaged jar, as in docker/Dockerfile. */
    /** Docker marks a container unhealthy only after {@code --retries=3} failed probes in a row (docker/Dockerfile). */
    private static boolean healthyWithinDockerRetries(String url) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (healthProbe(url) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int healthProbe(String url) throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", RuntimeProcess.packagedJar().toString(), "io.jesync.observe.HealthProbe", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!probe.waitFor(60, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            throw new AssertionError("health probe did not finish");
        }
        return probe.exitValue();
    }

    private static List<String> ledgerStates(TestDatabases.Login store) throws Exception {
        try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT state FROM order_ledger")) {
            List<String> states = new ArrayList<>();
            while (rows.next()) {
                states.add(rows.getString(1));
            }
            return states;
        }
    }

    private static int count(HttpResponse<String> response) throws Exception {
        return response == null || response.statusCode() != 200 ? -1
                : new ObjectMapper().readTree(response.body()).path("count").asInt();
    }

    private static List<String> draftInvoiceReferences(HttpResponse<String> response) throws Exception {
        if (response == null || response.statusCode() != 200) {
            return List.of();
        }
        JsonNode drafts = new ObjectMapper().readTree(response.body()).path("invoices/drafts");
        return drafts.findValuesAsText("referencesOther");
    }

    private static void report(String what, long startedNanos) {
        System.out.printf("packaged jar, %s: healthy %d ms after start%n", what,
                (System.nanoTime() - startedNanos) / 1_000_000);
    }
}

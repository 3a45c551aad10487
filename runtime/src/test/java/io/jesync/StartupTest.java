package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.RuntimeProcess;

/** The runtime as a user starts it: a separate JVM in its own working folder. */
@Tag("harness")
class StartupTest {

    @Test
    void demo_mode_starts_the_simulators_reports_health_and_metrics_and_stops_cleanly(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/hello.yaml"), """
                - route:
                    id: plugin-hello
                    from:
                      uri: timer:plugin-hello?repeatCount=1
                      steps:
                        - log: "plugin route ran"
                """);
        int admin = RuntimeProcess.freePort();
        int economic = RuntimeProcess.freePort();
        int norce = RuntimeProcess.freePort();
        // Orders arrive faster than in the shipped demo; what comes back (the back office, the status and reversal
        // polls) runs at the shipped demo pace, which must show the whole cycle within about two minutes.
        Map<String, String> env = Map.of("ADMIN_PORT", Integer.toString(admin),
                "SIMULATOR_ECONOMIC_PORT", Integer.toString(economic),
                "SIMULATOR_NORCE_PORT", Integer.toString(norce),
                "DEMO_ORDERS_PER_MINUTE", "60",
                "SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "2");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            String health = "http://127.0.0.1:" + admin + "/observe/health";
            // Generous: the machine running the suite may be busy with other builds.
            runtime.awaitHttp200(health + "/ready", Duration.ofSeconds(120));

            assertThat(runtime.output().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                    .contains("DEMO MODE"));
            long started = System.nanoTime();
            assertThat(runtime.output()).contains("http://127.0.0.1:" + economic, "http://127.0.0.1:" + norce,
                    "stop with Ctrl-C", "http://127.0.0.1:" + admin + "/console");
            runtime.awaitOutput("Admin side listening on http://127.0.0.1:" + admin + ": web console /console",
                    Duration.ofSeconds(30));
            HttpResponse<String> checks = runtime.get(health);
            assertThat(checks.body()).contains("\"economic-auth\",\"status\":\"UP\"",
                    "\"shop-se-auth\",\"status\":\"UP\"");
            assertThat(runtime.output()).contains("admin credentials     user admin, password from ADMIN_PASSWORD")
                    .doesNotContain(RuntimeProcess.ADMIN_PASSWORD);
            assertThat(runtime.get("http://127.0.0.1:" + admin + "/observe/metrics").body()).contains("app_info");
            HttpResponse<String> refused = runtime.get("http://127.0.0.1:" + admin + "/api/orders", "admin",
                    "a-wrong-guess-123");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(runtime.get("http://127.0.0.1:" + admin + "/observe/health", null, null).statusCode())
                    .isEqualTo(200);
            assertThat(runtime.get("http://127.0.0.1:" + admin + "/q/dev").statusCode()).isEqualTo(404);
            assertThat(dir.resolve("data/jesync.mv.db")).exists();
            runtime.awaitOutput("plugin route ran", Duration.ofSeconds(30));
            String orders = "http://127.0.0.1:" + admin + "/api/orders";
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    count(runtime.get(orders + "?state=PARKED")) == 3 && count(runtime.get(orders
                            + "?state=ACKNOWLEDGED")) >= 1);
            assertThat(runtime.get(orders + "?state=PARKED").body()).contains("e-mail", "quantity", "25");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    runtime.get("http://127.0.0.1:" + admin + "/observe/metrics").body())
                    .contains("jesync_orders{shop=\"se\",state=\"PARKED\"} 3.0"));
            assertThat(runtime.get("http://127.0.0.1:" + admin + "/observe/metrics").body())
                    .contains("jesync_economic_calls_today", "jesync_economic_daily_call_budget 50000.0");

            String done = "http://127.0.0.1:" + admin + "/api/status-actions?state=DONE&limit=1000";
            String reversed = "http://127.0.0.1:" + admin + "/api/reversals?state=DONE&limit=1000";
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(150)).until(() -> {
                String body = runtime.get(done).body();
                return body.contains("\"action\":\"capture") && body.contains("\"action\":\"cancel\"")
                        && runtime.get(reversed).body().contains("\"kind\":\"REFUND\"");
            });
            System.out.println("Demo cycle (delivery note, capture, cancellation, credit note) seen after "
                    + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
            assertThat(runtime.get(done).body()).contains("\"action\":\"delivery-note", "\"action\":\"set-status Invoiced\"");
            assertThat(count(runtime.get("http://127.0.0.1:" + admin + "/api/status-actions"))).as("none parked")
                    .isZero();
            assertThat(runtime.get("http://127.0.0.1:" + admin + "/api/reversals").statusCode()).isEqualTo(200);

            // The H2 file belongs to the running service: the one-off job says so and what to run instead.
            // (Its own folder keeps the two processes' logs apart; the store is the service's.)
            Map<String, String> job = new HashMap<>(env);
            job.put("SIMULATOR_ECONOMIC_PORT", Integer.toString(RuntimeProcess.freePort()));
            job.put("SIMULATOR_NORCE_PORT", Integer.toString(RuntimeProcess.freePort()));
            String store = "jdbc:h2:file:" + dir.resolve("data/jesync").toAbsolutePath() + ";WRITE_DELAY=0";
            job.put("STORE_JDBC_URL", store);
            try (RuntimeProcess sync = RuntimeProcess.start(dir.resolve("job"), job, "--initial-sync",
                    "shop-to-economic", "--dry-run")) {
                assertThat(sync.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.STARTUP_ERROR);
                assertThat(sync.output()).doesNotContain("DEMO MODE", "\tat ")
                        .contains("Store error: " + store + " is in use by a running service",
                                "curl -u admin -X POST", "http://127.0.0.1:" + admin + "/api/initial-sync");
            }

            runtime.terminate();
            runtime.awaitExit(Duration.ofSeconds(60));
            assertThat(runtime.output()).contains("Demo simulators stopped", "Admin side: wrong credentials")
                    .doesNotContain("[ERROR]", "a-wrong-guess-123", "HTTP endpoints summary");
            assertThat(runtime.output().split("Admin side listening on", -1)).as("one summary").hasSize(2);
        }
    }

    private static int count(HttpResponse<String> response) throws Exception {
        return response == null || response.statusCode() != 200 ? -1
                : new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("count").asInt();
    }

    @Test
    void one_start_reports_every_bad_setting_each_on_its_own_line(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.properties"), """
                shop.se.orders.triger-statuses=Confirmed
                shop.se.orders.poll-cron=every 5 minutes
                shop.se.status.poll-interval=often
                """);
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("SHOP_SE_BASE_URL", "https://acme.api-se.norce.tech");
        env.put("SHOP_SE_CLIENT_ID", "acme");
        env.put("SHOP_SE_CLIENT_SECRET", "shop-secret-value");
        env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", "grant-value");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.CONFIGURATION_ERROR);

            assertThat(runtime.stderr().lines()).containsExactlyInAnyOrder(
                    "Configuration error: economic.app-secret-token: is missing: set the environment variable "
                            + "ECONOMIC_APP_SECRET_TOKEN or point economic.app-secret-token-file at a file that holds it",
                    "Configuration error: shop.se.application-ids: is missing: set it in application.properties or "
                            + "as SHOP_SE_APPLICATION_IDS",
                    "Configuration error: shop.se.orders.poll-cron: 'every 5 minutes' is not a Quartz cron expression"
                            + " (six or seven fields, seconds first, e.g. 0 */5 * * * ? for every five minutes)",
                    "Configuration error: shop.se.status.poll-interval: 'often' is not a duration (e.g. 30s, 5m, 2h"
                            + " or PT5M)",
                    "Configuration error: shop.se.orders.triger-statuses: is not a setting; did you mean "
                            + "shop.se.orders.trigger-statuses?",
                    "5 configuration errors; nothing was started");
            assertThat(runtime.stdout()).isEmpty();
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void an_unreachable_store_is_one_line_naming_its_url_and_the_cause(@TempDir Path dir) {
        int nothingListens = RuntimeProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("SHOP_SE_BASE_URL", "https://acme.api-se.norce.tech");
        env.put("SHOP_SE_CLIENT_ID", "acme");
        env.put("SHOP_SE_APPLICATION_IDS", "1001");
        env.put("SHOP_SE_CLIENT_SECRET", "shop-secret-value");
        env.put("ECONOMIC_APP_SECRET_TOKEN", "app-secret-value");
        env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", "grant-value");
        env.put("STORE_JDBC_URL", "jdbc:h2:tcp://127.0.0.1:" + nothingListens + "/jesync;PASSWORD=in-the-url");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.STARTUP_ERROR);

            assertThat(runtime.stderr().lines()).singleElement().asString()
                    .startsWith("Store error: cannot open jdbc:h2:tcp://127.0.0.1:" + nothingListens
                            + "/jesync;PASSWORD=****: ")
                    .doesNotContain("in-the-url");
        }
    }

    @Test
    void live_mode_without_admin_credentials_refuses_to_start(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("ADMIN_PASSWORD", "");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.CONFIGURATION_ERROR);

            assertThat(runtime.stderr().lines()).contains("Configuration error: admin.password: is missing: set the"
                    + " environment variable ADMIN_PASSWORD or point admin.password-file at a file that holds it");
        }
    }

    @Test
    void a_secret_in_the_users_properties_file_is_refused_without_printing_it(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.properties"), "economic.app-secret-token=committed-secret\n");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, Map.of("APP_ENVIRONMENT", "live"))) {
            assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.CONFIGURATION_ERROR);

            assertThat(runtime.stderr()).startsWith("Configuration error: economic.app-secret-token: is a secret")
                    .doesNotContain("committed-secret");
        }
    }
}

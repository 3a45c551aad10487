package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.RuntimeProcess;

/** The runtime as a user starts it: a separate JVM in its own working folder. */
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
        // Faster than the shipped demo, so the accountant's bookings and its one cancellation come back in seconds.
        Map<String, String> env = Map.of("ADMIN_PORT", Integer.toString(admin),
                "SIMULATOR_ECONOMIC_PORT", Integer.toString(economic),
                "SIMULATOR_NORCE_PORT", Integer.toString(norce),
                "DEMO_ORDERS_PER_MINUTE", "60",
                "SHOP_SE_ORDERS_POLL_INTERVAL_SECONDS", "2",
                "DEMO_ACCOUNTANT_INTERVAL_SECONDS", "1",
                "SHOP_SE_STATUS_POLL_INTERVAL", "2s");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            String health = "http://127.0.0.1:" + admin + "/observe/health";
            runtime.awaitHttp200(health + "/ready", Duration.ofSeconds(60));

            assertThat(runtime.output().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                    .contains("DEMO MODE"));
            assertThat(runtime.output()).contains("http://127.0.0.1:" + economic, "http://127.0.0.1:" + norce,
                    "stop with Ctrl-C");
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
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                String body = runtime.get(done).body();
                return body.contains("\"action\":\"capture") && body.contains("\"action\":\"cancel\"");
            });
            assertThat(runtime.get(done).body()).contains("\"action\":\"delivery-note", "\"action\":\"set-status Invoiced\"");
            assertThat(count(runtime.get("http://127.0.0.1:" + admin + "/api/status-actions"))).as("none parked")
                    .isZero();
            assertThat(runtime.get("http://127.0.0.1:" + admin + "/api/reversals").statusCode()).isEqualTo(200);

            runtime.terminate();
            runtime.awaitExit(Duration.ofSeconds(60));
            assertThat(runtime.output()).contains("Demo simulators stopped", "Admin side: wrong credentials")
                    .doesNotContain("[ERROR]", "a-wrong-guess-123");
        }
    }

    private static int count(HttpResponse<String> response) throws Exception {
        return response == null || response.statusCode() != 200 ? -1
                : new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("count").asInt();
    }

    @Test
    void live_mode_with_a_missing_setting_stops_with_one_line_naming_it(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("SHOP_SE_BASE_URL", "https://acme.api-se.norce.tech");
        env.put("SHOP_SE_CLIENT_ID", "acme");
        env.put("SHOP_SE_CLIENT_SECRET", "shop-secret-value");
        env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", "grant-value");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.CONFIGURATION_ERROR);

            assertThat(runtime.stderr().strip()).isEqualTo("Configuration error: economic.app-secret-token: is "
                    + "missing: set the environment variable ECONOMIC_APP_SECRET_TOKEN or point "
                    + "economic.app-secret-token-file at a file that holds it");
            assertThat(runtime.stdout()).isEmpty();
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void live_mode_without_admin_credentials_refuses_to_start(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("ADMIN_PASSWORD", "");

        try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
            assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(Bootstrap.CONFIGURATION_ERROR);

            assertThat(runtime.stderr().strip()).isEqualTo("Configuration error: admin.password: is missing: set the"
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

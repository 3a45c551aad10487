package io.jesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.simulator.SimClock;
import io.jesync.simulator.economic.EconomicSimulator;
import io.jesync.simulator.norce.NorceSimulator;
import io.jesync.testsupport.RuntimeProcess;

/**
 * {@code java -jar … --check} as a merchant runs it: clean (exit 0) against the demo simulators; against a tenant
 * that differs, one line per problem and exit 6; and in live mode the same check at start-up holds back only the
 * flow a problem stops, visible in readiness and on the admin API.
 */
@Tag("harness")
class PreflightCommandTest {
    private static final String APP_SECRET = "preflight-app-secret";
    private static final String GRANT = "preflight-grant";
    private static final String CLIENT_SECRET = "preflight-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void the_demo_tenants_are_clean_and_the_report_is_written() throws Exception {
        Map<String, String> env = Map.of("ADMIN_PORT", Integer.toString(RuntimeProcess.freePort()),
                "SIMULATOR_ECONOMIC_PORT", Integer.toString(RuntimeProcess.freePort()),
                "SIMULATOR_NORCE_PORT", Integer.toString(RuntimeProcess.freePort()),
                "DEMO_ORDERS_PER_MINUTE", "0");

        try (RuntimeProcess check = RuntimeProcess.start(dir, env, "--check", "--report", "reports/preflight.json")) {
            assertThat(check.awaitExit(Duration.ofSeconds(90))).as(check.output()).isZero();
            assertThat(check.stdout()).contains("Preflight clean: ", "UNVERIFIED shop.se.stock.warehouse=MAIN")
                    .doesNotContain("PROBLEM");
            JsonNode report = JSON.readTree(dir.resolve("reports/preflight.json").toFile());
            assertThat(report.path("result").asText()).isEqualTo("clean");
            assertThat(report.path("problems")).isEmpty();
        }
    }

    @Test
    void a_differing_tenant_gives_one_line_per_problem_and_a_non_zero_exit() throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 9L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 9L, clock, "preflight-client", CLIENT_SECRET)) {
            economic.start();
            norce.start();
            hide(norce, "Orders/Order/PaymentMethodId");
            Map<String, String> env = live(economic, norce);
            env.put("SHOP_SE_ORDERS_LAYOUT_NUMBER", "21");
            env.put("SHOP_SE_ORDERS_PAYMENT_TERMS_NUMBER", "9");
            env.put("SHOP_SE_CUSTOMERS_PAYMENT_TERMS_NUMBER", "1");
            env.put("SHOP_SE_PRICES_LISTS", "SE-B2C,NO-B2C");

            try (RuntimeProcess check = RuntimeProcess.start(dir, env, "--check", "--json")) {
                assertThat(check.awaitExit(Duration.ofSeconds(90))).as(check.output()).isEqualTo(6);
                JsonNode report = JSON.readTree(check.stdout());
                assertThat(report.path("result").asText()).isEqualTo("blocking");
                assertThat(report.path("problems").findValuesAsText("line")).containsExactlyInAnyOrder(
                        "Norce Query Orders/Orders.PaymentMethodId: the tenant's Order has no property"
                                + " PaymentMethodId, which the adapter reads — the tenant differs from Norce's published"
                                + " contract, which the adapter follows: send this line to the integration's"
                                + " maintainers; the flows named stay off until then",
                        "shop.se.orders.layout-number=21: no such layout in e-conomic (existing: 19 Standardfaktura,"
                                + " 20 Standardfaktura engelska) — set it to one of them",
                        "shop.se.orders.payment-terms-number=9: no such payment terms in e-conomic (existing: 1"
                                + " Netto 30 dagar, 2 Kontant, 3 Kortbetalning) — set it to one of them",
                        "shop.se.prices.lists=SE-B2C,NO-B2C: no price list with code NO-B2C on the tenant"
                                + " (existing: EU-B2C, SE-B2B, SE-B2C) — use one of the tenant's codes, or create the"
                                + " price list in Norce admin");
            }
            try (RuntimeProcess check = RuntimeProcess.start(dir.resolve("lines"), env, "--check")) {
                assertThat(check.awaitExit(Duration.ofSeconds(90))).isEqualTo(6);
                assertThat(check.stdout().lines().filter(line -> line.startsWith("PROBLEM")).toList()).hasSize(4)
                        .anyMatch(line -> line.startsWith("PROBLEM [shop se, orders] shop.se.orders.layout-number=21"))
                        .anyMatch(line -> line.startsWith("PROBLEM (flow off) [shop se, prices] shop.se.prices.lists"));
                assertThat(check.output()).doesNotContain(CLIENT_SECRET, APP_SECRET, GRANT);
            }
        }
    }

    @Test
    void at_live_start_up_a_problem_holds_back_only_the_flow_it_stops() throws Exception {
        SimClock clock = new SimClock();
        try (EconomicSimulator economic = new EconomicSimulator(0, 9L, clock, APP_SECRET, GRANT);
             NorceSimulator norce = NorceSimulator.demo(0, 9L, clock, "preflight-client", CLIENT_SECRET)) {
            economic.start();
            norce.start();
            Map<String, String> env = live(economic, norce);
            int admin = RuntimeProcess.freePort();
            env.put("ADMIN_PORT", Integer.toString(admin));
            env.put("SHOP_SE_ORDERS_LAYOUT_NUMBER", "21");
            env.put("SHOP_SE_STATUS_ENABLED", "true");

            try (RuntimeProcess runtime = RuntimeProcess.start(dir, env)) {
                String base = "http://127.0.0.1:" + admin;
                runtime.awaitHttp200(base + "/api/preflight", Duration.ofSeconds(90));
                assertThat(runtime.output()).contains("Preflight: PROBLEM [shop se, orders]"
                        + " shop.se.orders.layout-number=21: no such layout in e-conomic",
                        "Preflight: held back until the problems above are fixed and the runtime restarted:"
                                + " poll-orders-se");
                JsonNode report = JSON.readTree(runtime.get(base + "/api/preflight").body());
                assertThat(report.path("result").asText()).isEqualTo("blocking");
                assertThat(report.path("heldBackRoutes").get(0).asText()).isEqualTo("poll-orders-se");
                assertThat(report.path("heldBackRoutes")).hasSize(1);
                // The admin API answers while the routes are still being added, so the flows are awaited.
                runtime.awaitOutput("Started poll-status-se", Duration.ofSeconds(60));
                JsonNode flows = JSON.readTree(runtime.get(base + "/api/flows").body());
                assertThat(status(flows, "poll-status-se")).isEqualTo("Started");
                assertThat(status(flows, "poll-orders-se")).isNotEqualTo("Started");
                assertThat(runtime.output()).doesNotContain("Started poll-orders-se");
                HttpResponse<String> ready = runtime.get(base + "/observe/health/ready", null, null);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("preflight");
            }
        }
    }

    private static String status(JsonNode flows, String routeId) {
        for (JsonNode flow : flows.findParents("routeId")) {
            if (flow.path("routeId").asText().equals(routeId)) {
                return flow.path("status").asText();
            }
        }
        return "not listed";
    }

    private Map<String, String> live(EconomicSimulator economic, NorceSimulator norce) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENVIRONMENT", "live");
        env.put("STORE_JDBC_URL", "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0");
        env.put("ECONOMIC_BASE_URL", economic.baseUrl());
        env.put("ECONOMIC_APP_SECRET_TOKEN", APP_SECRET);
        env.put("ECONOMIC_AGREEMENT_GRANT_TOKEN", GRANT);
        env.put("SHOP_SE_BASE_URL", norce.baseUrl());
        env.put("SHOP_SE_CLIENT_ID", "preflight-client");
        env.put("SHOP_SE_CLIENT_SECRET", CLIENT_SECRET);
        env.put("SHOP_SE_APPLICATION_IDS", "1001,1002");
        Files.createDirectories(dir);
        return env;
    }

    private static void hide(NorceSimulator norce, String member) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(norce.baseUrl() + "/_sim/norce/metadata/" + member)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
    }
}

package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.settings.RuntimeSettings;
import io.jesync.simulator.norce.DemoOrderGenerator;
import io.jesync.simulator.norce.NorceModel;
import io.jesync.testsupport.AdminRuntime;

/**
 * Tracing as support uses it: switched on for the order flow, it shows the flow's steps by name and each call to
 * Norce and e-conomic with its request and answer, with every credential masked and the scheduler's internals left
 * out; health leads with the checks without which nothing works.
 */
class SupportTracingTest {
    private static final String FLOW = "poll-orders-se";
    @TempDir
    static Path dir;
    static AdminRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = AdminRuntime.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static List<JsonNode> calls(JsonNode capture, String system) {
        List<JsonNode> found = new ArrayList<>();
        capture.path("messages").forEach(entry -> {
            if (entry.path("call").path("system").asText().startsWith(system)) {
                found.add(entry.path("call"));
            }
        });
        return found;
    }

    @Test
    void a_traced_flow_shows_its_steps_by_name_and_its_masked_calls_to_norce_and_economic() {
        assertThat(runtime.post("/api/tracing/" + FLOW, "{\"enabled\":true}").statusCode()).isEqualTo(200);
        NorceModel.Order order = new DemoOrderGenerator(runtime.demo.norce(), DemoOrderGenerator.Settings.defaults()
                .withSeed(4242)).placeOrderNow();
        runtime.demo.norce().setOrderStatus(order.id(), NorceModel.OrderStatus.CONFIRMED.id());
        runtime.post("/api/flows/" + FLOW + "/run", null);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> calls(json(runtime.get("/api/tracing/" + FLOW)),
                "e-conomic").stream().anyMatch(call -> call.path("request").path("method").asText().equals("POST")));
        JsonNode capture = json(runtime.get("/api/tracing/" + FLOW));
        assertThat(capture.path("messages").findValuesAsText("route"))
                .as("the routes the flow calls are in its capture")
                .contains(FLOW, "transfer-order");

        JsonNode created = calls(capture, "e-conomic").stream()
                .filter(call -> call.path("request").path("method").asText().equals("POST")).findFirst().orElseThrow();
        assertThat(created.path("request").path("url").asText()).startsWith(runtime.demo.economic().baseUrl());
        assertThat(created.path("request").path("headers").path("X-AppSecretToken").asText()).isEqualTo("****");
        assertThat(created.path("request").path("headers").path("X-AgreementGrantToken").asText()).isEqualTo("****");
        assertThat(created.path("request").path("body").isObject()).as(created.toString()).isTrue();
        assertThat(created.path("response").path("status").asInt()).isBetween(200, 299);
        assertThat(created.path("response").path("body").isObject()).isTrue();
        assertThat(calls(capture, "norce")).as("the shop's orders were read").isNotEmpty();

        String text = capture.toString();
        assertThat(text).doesNotContain(RuntimeSettings.DEMO_APP_SECRET_TOKEN.reveal(),
                RuntimeSettings.DEMO_AGREEMENT_GRANT_TOKEN.reveal(), RuntimeSettings.DEMO_SHOP_CLIENT_SECRET.reveal(),
                "org.quartz", "jobDetail", "fireTime");
        List<String> steps = capture.path("messages").findValuesAsText("step");
        assertThat(steps).isNotEmpty().noneMatch(step -> step.matches("[a-zA-Z]+\\d+"));
        assertThat(capture.path("messages").findValuesAsText("body"))
                .noneMatch(body -> body.matches(".*\\w@[0-9a-f]+.*"));

        HttpResponse<String> off = runtime.post("/api/tracing/" + FLOW, "{\"enabled\":false}");
        assertThat(json(off).path("messages").size()).isZero();
    }

    @Test
    void the_tracing_list_leads_with_the_flows_and_marks_the_admin_routes() {
        JsonNode routes = json(runtime.get("/api/tracing")).path("routes");
        assertThat(routes.get(0).path("kind").asText()).isEqualTo("flow");
        List<String> kinds = routes.findValuesAsText("kind");
        assertThat(kinds.indexOf("admin")).isGreaterThan(kinds.lastIndexOf("flow"));
        routes.forEach(route -> {
            if (route.path("routeId").asText().startsWith("admin-")) {
                assertThat(route.path("kind").asText()).isEqualTo("admin");
            }
        });
    }

    @Test
    void health_leads_with_the_vital_checks_store_economic_each_shop_and_the_preflight() {
        JsonNode health = json(runtime.get("/api/health"));
        JsonNode vital = health.path("groups").get(0);
        assertThat(vital.path("name").asText()).isEqualTo("vital");
        assertThat(vital.path("checks").findValuesAsText("name"))
                .containsExactlyInAnyOrder("store", "economic-auth", "shop-se-auth", "preflight");
        assertThat(health.path("groups").findValuesAsText("name")).contains("flows");
        assertThat(health.path("checks").size()).as("every check is still listed").isGreaterThan(4);
    }

    @Test
    void a_webhook_token_in_a_url_is_masked_in_captures() {
        assertThat(RouteTracing.maskText("/api/economic/stock-webhook?number=KAF-1&token=s3cr3t-webhook"))
                .doesNotContain("s3cr3t-webhook").contains("number=KAF-1");
    }
}

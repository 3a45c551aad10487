package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.testsupport.AdminRuntime;

/**
 * The preflight in the running service: {@code GET /api/preflight} shows the last result, {@code POST} runs it
 * again, and readiness is DOWN with a preflight check while a problem stops a flow that is switched on.
 */
class PreflightApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void a_run_from_the_admin_api_shows_its_problems_there_and_in_readiness() throws Exception {
        try (AdminRuntime runtime = AdminRuntime.start(dir, Map.of("shop.se.orders.layout-number", "21"))) {
            JsonNode before = JSON.readTree(runtime.get("/api/preflight").body());
            assertThat(before.path("result").asText()).isEqualTo("not-run");
            assertThat(runtime.send("GET", "/observe/health/ready", null, null).statusCode()).isEqualTo(200);

            HttpResponse<String> posted = runtime.post("/api/preflight", null);

            assertThat(posted.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(posted.body());
            assertThat(report.path("result").asText()).isEqualTo("blocking");
            assertThat(report.path("exitCode").asInt()).isEqualTo(6);
            assertThat(report.path("problems")).singleElement().satisfies(problem -> {
                assertThat(problem.path("setting").asText()).isEqualTo("shop.se.orders.layout-number");
                assertThat(problem.path("blocksRunningFlow").asBoolean()).isTrue();
                assertThat(problem.path("line").asText()).isEqualTo("shop.se.orders.layout-number=21: no such layout"
                        + " in e-conomic (existing: 19 Standardfaktura, 20 Standardfaktura engelska) — set it to one"
                        + " of them");
            });
            assertThat(JSON.readTree(runtime.get("/api/preflight").body()).path("checkedAt").asText())
                    .isEqualTo(report.path("checkedAt").asText());
            HttpResponse<String> ready = runtime.send("GET", "/observe/health/ready", null, null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("preflight");
        }
    }
}

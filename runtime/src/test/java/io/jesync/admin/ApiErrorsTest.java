package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.testsupport.AdminRuntime;

/** Every error of the admin API is JSON that says what was wrong: never a Java exception text or an HTML page. */
class ApiErrorsTest {
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

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString()).get().asString()
                .startsWith("application/json");
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void a_parameter_that_is_not_a_number_is_a_400_naming_it() throws Exception {
        for (String path : new String[] {"/api/orders?limit=abc", "/api/orders?offset=1.5", "/api/alerts?limit=x",
                "/api/parked-items?limit=ten", "/api/reversals?limit=abc", "/api/status-actions?limit=abc"}) {
            HttpResponse<String> response = runtime.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            JsonNode error = json(response);
            assertThat(error.path("parameter").asText()).as(path).isIn("limit", "offset");
            assertThat(error.path("error").asText()).as(path).contains(error.path("parameter").asText())
                    .doesNotContain("NumberFormatException", "java.");
        }
        HttpResponse<String> id = runtime.get("/api/initial-sync/abc");
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(json(id).path("parameter").asText()).isEqualTo("id");
        assertThat(runtime.get("/api/orders?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_api_paths_are_a_json_404_and_a_wrong_method_a_405_with_allow() throws Exception {
        HttpResponse<String> unknown = runtime.get("/api/no-such-thing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).contains("/api/no-such-thing", "/api/openapi.json");
        assertThat(runtime.get("/api/orders/se/1/nothing-here").statusCode()).isEqualTo(404);

        HttpResponse<String> wrong = runtime.send("DELETE", "/api/orders", null,
                AdminRuntime.basic(AdminRuntime.USER, AdminRuntime.PASSWORD));
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("GET");
        assertThat(json(wrong).path("error").asText()).contains("DELETE", "GET");
        HttpResponse<String> both = runtime.send("PUT", "/api/reconciliation", "{}",
                AdminRuntime.basic(AdminRuntime.USER, AdminRuntime.PASSWORD));
        assertThat(both.statusCode()).isEqualTo(405);
        assertThat(both.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(runtime.get("/api/orders/se/1/resend").headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void an_unknown_shop_or_article_is_a_404() throws Exception {
        HttpResponse<String> shop = runtime.get("/api/orders/xx/1");
        assertThat(shop.statusCode()).isEqualTo(404);
        assertThat(json(shop).path("error").asText()).contains("No shop xx", "se");
        assertThat(runtime.get("/api/articles/xx/KAF-00001").statusCode()).isEqualTo(404);
        assertThat(runtime.post("/api/orders/xx/1/resend", null).statusCode()).isEqualTo(404);
        assertThat(runtime.post("/api/payments/xx/1/retry", null).statusCode()).isEqualTo(404);
        HttpResponse<String> article = runtime.get("/api/articles/se/NO-SUCH-ARTICLE");
        assertThat(article.statusCode()).isEqualTo(404);
        assertThat(json(article).path("error").asText()).contains("NO-SUCH-ARTICLE");
    }

    @Test
    void a_body_that_is_not_json_is_a_400_in_json() throws Exception {
        HttpResponse<String> response = runtime.post("/api/reconciliation", "not json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("not JSON");
    }
}

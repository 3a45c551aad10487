package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.testsupport.AdminRuntime;

/**
 * A foreign web page can make the browser send the admin's Basic credentials, but not make a change: requests are
 * sent here as a browser sends them (raw, without the harness's {@code X-Requested-With}), and the outcome is read
 * back from the API.
 */
class CsrfTest {
    private static final String RUN = "/api/flows/poll-orders-se/run";
    @TempDir
    static Path dir;
    static AdminRuntime runtime;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = AdminRuntime.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body,
                                      String authorization, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.url(path)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", authorization);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return AdminRuntime.basic(AdminRuntime.USER, AdminRuntime.PASSWORD);
    }

    @Test
    void a_cross_origin_text_plain_post_with_basic_credentials_is_refused_and_changes_nothing() throws Exception {
        String tracing = "/api/tracing/poll-orders-se";
        String on = "{\"enabled\":true}";

        HttpResponse<String> foreign = send("POST", tracing, "text/plain", on, basic(),
                "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("cross-site request refused", "evil.example");
        assertThat(send("POST", tracing, "text/plain", on, basic(), "Sec-Fetch-Site", "cross-site").statusCode())
                .as("an older browser sending only Sec-Fetch-Site").isEqualTo(403);
        assertThat(send("POST", tracing, "text/plain", on, basic(), "Sec-Fetch-Site", "same-site").statusCode())
                .as("a sibling subdomain").isEqualTo(403);
        HttpResponse<String> noHeader = send("POST", tracing, "text/plain", on, basic());
        assertThat(noHeader.statusCode()).as("a browser sending neither Origin nor Sec-Fetch-Site").isEqualTo(403);
        assertThat(noHeader.body()).contains("X-Requested-With");

        assertThat(new ObjectMapper().readTree(runtime.get(tracing).body()).path("enabled").asBoolean())
                .as("tracing was not switched on").isFalse();
    }

    @Test
    void the_console_from_its_own_origin_and_scripts_with_the_header_or_a_bearer_token_may_change_things()
            throws Exception {
        String self = "http://127.0.0.1:" + runtime.port;
        HttpResponse<String> console = send("POST", RUN, null, null, basic(), "Origin", self, "Sec-Fetch-Site",
                "same-origin", "X-Requested-With", "jesync-console");
        assertThat(console.statusCode()).as(console.body()).isEqualTo(202);
        assertThat(send("POST", RUN, null, null, basic(), "X-Requested-With", "curl").statusCode()).isEqualTo(202);
        assertThat(send("POST", RUN, null, null, "Bearer " + AdminRuntime.TOKEN).statusCode()).isEqualTo(202);
        assertThat(send("POST", RUN, null, null, "Bearer " + AdminRuntime.TOKEN, "Origin", "http://evil.example")
                .statusCode()).as("a foreign origin even with a token").isEqualTo(403);
        assertThat(send("GET", "/api/orders", null, null, basic(), "Origin", "http://evil.example").statusCode())
                .as("reading changes nothing and the browser keeps the answer from the foreign page")
                .isEqualTo(200);
    }

    @Test
    void the_console_and_the_api_may_not_be_framed_nor_sniffed() throws Exception {
        for (String path : new String[] {"/console/", "/console/console.js", "/api/orders", "/api/nope"}) {
            HttpResponse<String> response = send("GET", path, null, null, basic());
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                    .contains("frame-ancestors 'none'", "script-src 'self'", "default-src 'self'");
        }
        assertThat(send("GET", "/console/", null, null, "Basic wrong").headers().firstValue("X-Frame-Options"))
                .as("also on the 401").hasValue("DENY");
    }
}

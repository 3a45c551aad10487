package io.jesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.testsupport.AdminRuntime;

/**
 * The runtime as started: a plugin in the plugin folder changes the documents sent, a changed file takes effect
 * without a restart, and {@code POST /api/orders/{shop}/{orderNo}/replay} shows the difference.
 */
class PluginApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void the_runtime_calls_its_plugins_reloads_them_and_replays_an_order_with_them() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        write(routes.resolve("heading.yaml"), heading("Gift order"));
        try (AdminRuntime runtime = AdminRuntime.start(dir, Map.of("plugins.routes-dir", routes.toString(),
                "shop.se.orders.poll-interval-seconds", "3600", "shop.se.status.enabled", "false",
                "shop.se.reversal.enabled", "false"))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    runtime.post("/api/flows/poll-orders-se/run", null).statusCode() == 202);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(runtime) != null);
            String orderNo = acknowledged(runtime);

            JsonNode same = replay(runtime, orderNo);
            assertThat(same.path("sent").path("notes").path("heading").asText()).isEqualTo("Gift order");
            assertThat(same.path("differences")).isEmpty();

            write(routes.resolve("heading.yaml"), heading("Changed"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> replay(runtime, orderNo).path("document")
                    .path("notes").path("heading").asText().equals("Changed"));
            assertThat(replay(runtime, orderNo).path("differences").get(0).asText())
                    .isEqualTo("notes.heading: Gift order → Changed");
            assertThat(runtime.post("/api/orders/se/no-such-order/replay", null).statusCode()).isEqualTo(404);
        }
    }

    private static String acknowledged(AdminRuntime runtime) throws Exception {
        JsonNode orders = JSON.readTree(runtime.get("/api/orders?state=ACKNOWLEDGED").body()).path("orders");
        return orders.isEmpty() ? null : orders.get(0).path("orderNo").asText();
    }

    private static JsonNode replay(AdminRuntime runtime, String orderNo) throws Exception {
        HttpResponse<String> response = runtime.post("/api/orders/se/" + orderNo + "/replay", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String heading(String heading) {
        return """
                - route:
                    id: heading
                    from:
                      uri: direct:plugin-order-document
                      steps:
                        - bean:
                            ref: pluginBody
                            method: "set(${body}, 'document.notes.heading', '%s')"
                """.formatted(heading);
    }

    private static void write(Path file, String text) throws Exception {
        Path temp = Files.createTempFile(file.getParent().getParent(), "plugin", ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

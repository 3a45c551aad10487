package io.jesync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.AdminRuntime;
import io.jesync.testsupport.RuntimeProcess;

/**
 * Health as a container check, a load balancer and an operator see it: the whole runtime in this JVM, its store an
 * H2 server in this test that can be stopped and started again like a database host going away and coming back.
 */
@Tag("harness")
class HealthTest {
    @TempDir
    static Path dir;
    static int storePort;
    static Server store;
    static AdminRuntime runtime;

    @BeforeAll
    static void start() throws SQLException {
        storePort = RuntimeProcess.freePort();
        store = startStore();
        runtime = AdminRuntime.start(dir, Map.of("store.jdbc-url", "jdbc:h2:tcp://127.0.0.1:" + storePort + "/store"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        store.stop();
    }

    private static Server startStore() throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(storePort), "-baseDir", dir.toString(),
                "-ifNotExists").start();
    }

    private static HttpResponse<String> open(String path) {
        return runtime.send("GET", path, null, null);
    }

    @Test
    void open_health_shows_up_or_down_per_check_and_the_findings_only_with_credentials() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> open("/observe/health").statusCode() == 200);

        for (String path : new String[] {"/observe/health", "/observe/health?exposureLevel=full",
                "/observe/health/ready", "/observe/health/live"}) {
            HttpResponse<String> health = open(path);
            assertThat(health.body()).as(path).doesNotContain("471100", "Kaffebutiken", "agreement", "message",
                    "route:", "consumer:", "poll-orders", "details", "error");
        }
        assertThat(open("/observe/health").body()).isEqualTo("{\"status\":\"UP\",\"role\":\"single\",\"checks\":["
                + "{\"name\":\"context\",\"status\":\"UP\"},{\"name\":\"economic-auth\",\"status\":\"UP\"},"
                + "{\"name\":\"instance\",\"status\":\"UP\"},{\"name\":\"preflight\",\"status\":\"UP\"},"
                + "{\"name\":\"shop-se-auth\",\"status\":\"UP\"},{\"name\":\"store\",\"status\":\"UP\"},"
                + "{\"name\":\"routes\",\"status\":\"UP\"}]}");

        assertThat(open("/api/health").statusCode()).isEqualTo(401);
        HttpResponse<String> detailed = runtime.get("/api/health");
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(detailed.body()).contains("\"name\":\"economic-auth\",\"status\":\"UP\",\"message\":\"agreement"
                + " 471100", "\"name\":\"route:poll-orders-se\"", "\"name\":\"store\",\"status\":\"UP\"");
    }

    @Test
    void health_goes_down_within_seconds_when_the_store_is_unreachable_and_up_again_when_it_is_back()
            throws SQLException {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> open("/observe/health").statusCode() == 200);

        store.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> open("/observe/health").statusCode() == 503);
            assertThat(open("/observe/health").body()).startsWith("{\"status\":\"DOWN\"")
                    .contains("{\"name\":\"store\",\"status\":\"DOWN\"}");
            assertThat(open("/observe/health/ready").statusCode()).isEqualTo(503);
            assertThat(open("/observe/health/live").statusCode()).as("a restart would not bring the database back")
                    .isEqualTo(200);
            assertThat(runtime.get("/api/health").body()).contains("\"name\":\"store\",\"status\":\"DOWN\","
                    + "\"message\":\"the store");
        } finally {
            store = startStore();
        }

        // Coming back is bounded by the connection pool, not by the check: a caller already waiting for a
        // connection when the server went away waits out the pool's 30 s timeout before it asks afresh.
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> open("/observe/health").statusCode() == 200);
        assertThat(open("/observe/health").body()).contains("{\"name\":\"store\",\"status\":\"UP\"}");
    }
}

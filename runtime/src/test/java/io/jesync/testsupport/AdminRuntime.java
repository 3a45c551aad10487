package io.jesync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import io.jesync.Bootstrap;
import io.jesync.config.ConfigSource;
import io.jesync.settings.RuntimeSettings;
import io.jesync.demo.DemoEnvironment;
import io.jesync.store.Database;
import io.jesync.store.Migrations;

/**
 * The whole runtime in this JVM, started as {@link Bootstrap} starts it (demo simulators, migrated H2 store, Camel
 * with every route), on free ports and without the demo's generator and back office, so tests drive the admin API
 * over HTTP and decide themselves what happens in the simulated systems.
 */
public final class AdminRuntime implements AutoCloseable {
    public static final String USER = "admin";
    public static final String PASSWORD = "admin-test-password";
    public static final String TOKEN = "admin-test-bearer-token";

    public final RuntimeSettings settings;
    public final DemoEnvironment demo;
    public final Database database;
    public final int port;
    private final Main main;
    private final HttpClient http = HttpClient.newHttpClient();

    private AdminRuntime(RuntimeSettings settings, DemoEnvironment demo, Database database, Main main) {
        this.settings = settings;
        this.demo = demo;
        this.database = database;
        this.main = main;
        this.port = settings.admin().port();
    }

    public static AdminRuntime start(Path dir, Map<String, String> extraSettings) {
        Map<String, String> file = new HashMap<>();
        file.put("app.environment", "demo");
        file.put("app.instance-id", "admin-test");
        file.put("shops", "se");
        file.put("shop.se.application-ids", "1001,1002");
        file.put("admin.port", Integer.toString(RuntimeProcess.freePort()));
        file.put("simulator.economic.port", Integer.toString(RuntimeProcess.freePort()));
        file.put("simulator.norce.port", Integer.toString(RuntimeProcess.freePort()));
        file.put("demo.orders-per-minute", "0");
        file.put("demo.accountant-interval-seconds", "0");
        // The catalogue flows would call e-conomic on their own schedules; the tests here count the admin side's calls.
        file.put("shop.se.products.enabled", "false");
        file.put("shop.se.stock.enabled", "false");
        file.put("shop.se.prices.enabled", "false");
        file.put("shop.se.products.reports-dir", dir.resolve("reports").toString());
        file.put("store.jdbc-url", "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0");
        file.putAll(extraSettings);
        ConfigSource source = new ConfigSource(file, Map.of(), Map.of("admin.password", PASSWORD,
                "admin.token", TOKEN), "test");
        RuntimeSettings settings = RuntimeSettings.load(source);
        DemoEnvironment demo = DemoEnvironment.start(settings);
        Database database = new Database(settings.store().jdbcUrl(), settings.store().username(), "");
        try {
            new Migrations(database).migrate();
            Main main = Bootstrap.camelMain(source, settings, database, demo);
            main.start();
            return new AdminRuntime(settings, demo, database, main);
        } catch (Exception e) {
            database.close();
            demo.close();
            throw new IllegalStateException("the runtime did not start: " + e.getMessage(), e);
        }
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** With the admin credentials. */
    public HttpResponse<String> get(String path) {
        return send("GET", path, null, basic(USER, PASSWORD));
    }

    /** With the admin credentials; {@code json} may be null for an empty body. */
    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, basic(USER, PASSWORD));
    }

    /** {@code authorization} null sends no credentials. */
    public HttpResponse<String> send(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // As the console does: a change with Basic credentials must carry it (CsrfTest shows what happens without).
        request.header("X-Requested-With", "admin-runtime-test");
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            database.close();
            demo.close();
        }
    }
}

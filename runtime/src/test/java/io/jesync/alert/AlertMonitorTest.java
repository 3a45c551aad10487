package io.jesync.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.jesync.observe.FlowRuns;
import io.jesync.observe.FlowsView;
import io.jesync.config.Secret;
import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.order.OrderLedger;
import io.jesync.store.SupportQueries;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;

/** Alerts against a local webhook receiver, on a movable clock: a digest per kind and window, never a flood. */
class AlertMonitorTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TOKEN = "webhook-token-value";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(START);
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(204);
    private final AtomicLong callsToday = new AtomicLong(100);
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>(START);
    private HttpServer receiver;
    private Database database;
    private OrderLedger ledger;
    private AlertMonitor monitor;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new ObjectMapper().readTree(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        database = TestDatabases.fresh(TestDatabases.Kind.H2, dir);
        new Migrations(database).migrate();
        ledger = new OrderLedger(database, clock);
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        AlertSettings settings = new AlertSettings(Optional.of(url), Optional.of(Secret.of(TOKEN)),
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(2), 3, 80);
        AlertMonitor.Sources sources = new AlertMonitor.Sources() {
            @Override
            public List<FlowsView.Flow> flows() {
                return List.of(new FlowsView.Flow("poll-orders-se", "se", "Started", new FlowRuns.Run(null, null,
                        lastSuccess.get(), null, null, false), null, Duration.ofMinutes(1)));
            }

            @Override
            public Instant watchingSince() {
                return START;
            }

            @Override
            public long economicCallsToday() {
                return callsToday.get();
            }

            @Override
            public int economicDailyBudget() {
                return 1000;
            }
        };
        monitor = new AlertMonitor(settings, "test-instance", sources, new SupportQueries(database),
                new AlertStore(database, clock), new WebhookSender(HttpClient.newHttpClient(), url,
                settings.webhookToken()), clock);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        database.close();
    }

    private void newOrder(String orderNo) {
        ledger.claim("se", orderNo, "1001", "test", Duration.ofMinutes(5)).orElseThrow();
    }

    @Test
    void nothing_is_sent_while_all_is_well() {
        newOrder("1001");
        clock.advance(Duration.ofMinutes(30));
        lastSuccess.set(clock.instant());

        assertThat(monitor.check()).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void one_digest_per_kind_and_window_lists_the_items_and_a_new_window_sends_again() {
        newOrder("1001");
        clock.advance(Duration.ofMinutes(121));

        assertThat(monitor.check()).containsExactly(AlertMonitor.Kind.ORDERS_WAITING, AlertMonitor.Kind.FLOW_STOPPED);
        JsonNode orders = received.get(0);
        assertThat(orders.path("kind").asText()).isEqualTo("ORDERS_WAITING");
        assertThat(orders.path("items").findValuesAsText("orderNo")).containsExactly("1001");
        assertThat(orders.path("text").asText()).startsWith("[jesync] 1 order(s) waiting");
        assertThat(received.get(1).path("items").findValuesAsText("routeId")).containsExactly("poll-orders-se");
        assertThat(authorizations).containsOnly("Bearer " + TOKEN);
        assertThat(received.toString()).doesNotContain(TOKEN);

        newOrder("1002");
        clock.advance(Duration.ofMinutes(10));
        assertThat(monitor.check()).as("same window: no flood").isEmpty();

        clock.advance(Duration.ofMinutes(60));
        lastSuccess.set(clock.instant());
        assertThat(monitor.check()).containsExactly(AlertMonitor.Kind.ORDERS_WAITING);
        assertThat(received).hasSize(3);
        assertThat(received.get(2).path("items").findValuesAsText("orderNo")).containsExactly("1001");
        assertThat(monitor.view(10).path("notices")).hasSize(3);
    }

    @Test
    void the_budget_warning_comes_at_the_threshold_and_a_failed_delivery_is_retried() {
        callsToday.set(799);
        assertThat(monitor.check()).isEmpty();
        callsToday.set(800);
        answer.set(500);

        assertThat(monitor.check()).isEmpty();
        assertThat(received).hasSize(1);

        answer.set(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(monitor.check()).containsExactly(AlertMonitor.Kind.BUDGET_LOW);
        assertThat(received.get(1).path("summary").asText()).isEqualTo("e-conomic API budget nearly used: 800 of"
                + " 1000 calls today");
        assertThat(monitor.check()).isEmpty();
        assertThat(monitor.view(10).path("notices").get(0).path("outcome").asText()).isEqualTo("delivered");
    }

    @Test
    void alert_settings_are_off_without_a_webhook_and_e_mail_is_refused_with_a_reason() {
        io.jesync.config.ConfigSource none = new io.jesync.config.ConfigSource(Map.of("shops", "se",
                "shop.se.application-ids", "1"), Map.of(), Map.of(), "test");
        assertThat(io.jesync.settings.RuntimeSettings.load(none).alerts().enabled()).isFalse();
        io.jesync.config.ConfigSource mail = new io.jesync.config.ConfigSource(Map.of("shops", "se",
                "shop.se.application-ids", "1", "alerts.email.to", "ops@example.com"), Map.of(), Map.of(), "test");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.jesync.settings.RuntimeSettings.load(mail))
                .hasMessageStartingWith("alerts.email.to: e-mail alerts are not available in this build");
    }
}

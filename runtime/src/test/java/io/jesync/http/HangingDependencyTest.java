package io.jesync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.jesync.backoff.Backoff;
import io.jesync.backoff.Circuit;
import io.jesync.config.ConfigSource;
import io.jesync.config.EconomicSettings;
import io.jesync.config.Secret;
import io.jesync.config.ShopClientSettings;
import io.jesync.economic.DocumentKind;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicOutcomeUnknownException;
import io.jesync.economic.EconomicUnavailableException;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.economic.Sleeper;
import io.jesync.order.OrderFlowSettings;
import io.jesync.product.ProductSettings;
import io.jesync.reconcile.ReconciliationSettings;
import io.jesync.reversal.ReversalSettings;
import io.jesync.settings.ShopSettings;
import io.jesync.shop.ShopPlatform;
import io.jesync.shop.ShopPlatforms;
import io.jesync.status.StatusFlowSettings;
import io.jesync.stock.StockPriceSettings;
import io.jesync.testsupport.StallingServer;

/**
 * R15, a hanging dependency, against a plain TCP server that accepts and then never answers, or answers a 200's
 * headers and dribbles the body over 120 s: the read timeout (2 s here; {@code economic.read-timeout-seconds}, and
 * for Norce {@code norce.read-timeout-seconds}) ends the call either way, a write without an answer is an unknown
 * outcome, a connect never accepted ends at the connect timeout (Norce's own setting on a client of its own), every
 * connection given up is closed at its deadline (none piles up behind a pool of callers), and rounds of hanging
 * calls leave the thread count at its baseline.
 */
class HangingDependencyTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous for a loaded build machine; without the answer deadline a dribbled answer takes 120 s. */
    private static final Duration SLACK = Duration.ofSeconds(4);
    /** How long a given-up connection's close may take to reach the server: far below a read timeout. */
    private static final Duration CLOSE_IN_TRANSIT = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private StallingServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_read_from_a_server_that_never_answers_fails_after_the_read_timeout() throws Exception {
        server = new StallingServer(StallingServer.Mode.SILENT, Duration.ofSeconds(1), 120);
        EconomicClient client = client(1);

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.read("/self")).isInstanceOf(EconomicUnavailableException.class)
                .hasMessageContaining("No answer from e-conomic within 2 s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("hanging: silent server, read failed after " + took.toMillis() + " ms");
        assertThat(took).isBetween(READ_TIMEOUT.minusMillis(100), READ_TIMEOUT.plus(SLACK));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openNow() == 0);
    }

    @Test
    void an_answer_dribbled_over_two_minutes_fails_after_the_read_timeout_and_the_connection_is_given_up()
            throws Exception {
        server = new StallingServer(StallingServer.Mode.DRIBBLE, Duration.ofSeconds(1), 120);
        EconomicClient client = client(1);

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.read("/self")).isInstanceOf(EconomicUnavailableException.class)
                .hasMessageContaining("No answer from e-conomic within 2 s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("hanging: dribbling server, read failed after " + took.toMillis() + " ms");
        assertThat(took).isBetween(READ_TIMEOUT.minusMillis(100), READ_TIMEOUT.plus(SLACK));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openNow() == 0);
    }

    @Test
    void a_connection_the_server_never_accepts_fails_after_the_connect_timeout() throws Exception {
        Duration connectTimeout = Duration.ofSeconds(1);
        try (FullListenQueue full = new FullListenQueue()) {
            EconomicSettings settings = new EconomicSettings(URI.create(full.baseUrl()),
                    Secret.of("app-secret"), Secret.of("grant"), 50_000, connectTimeout, READ_TIMEOUT);
            Clock clock = Clock.systemUTC();
            EconomicClient client = new EconomicClient(settings, HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .build(), null, clock, RateLimitGovernor.standard(clock, 50_000),
                    RetryPolicy.standard().withMaxAttempts(1), new SplittableRandom(3), Sleeper.REAL);

            long started = System.nanoTime();
            assertThatThrownBy(() -> client.read("/self")).isInstanceOf(EconomicUnavailableException.class)
                    .hasMessageContaining("cannot be reached");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.println("hanging: connect never accepted, failed after " + took.toMillis() + " ms");
            assertThat(took).isBetween(connectTimeout.minusMillis(100), connectTimeout.plus(SLACK));
        }
    }

    @Test
    void a_norce_login_that_never_answers_fails_after_norce_read_timeout() throws Exception {
        server = new StallingServer(StallingServer.Mode.SILENT, Duration.ofSeconds(1), 120);
        ShopSettings shop = norceShop(server.baseUrl());
        ShopPlatform.Connected norce = norce(shop, new ShopClientSettings(CONNECT_TIMEOUT, READ_TIMEOUT));

        long started = System.nanoTime();
        assertThatThrownBy(() -> norce.checkCredentials(shop)).isInstanceOf(IOException.class)
                .hasMessageContaining("Norce login for shop se");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("hanging: silent Norce login failed after " + took.toMillis() + " ms");
        assertThat(took).isBetween(READ_TIMEOUT.minusMillis(100), READ_TIMEOUT.plus(SLACK));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openNow() == 0);
    }

    @Test
    void a_norce_order_read_dribbled_over_two_minutes_fails_after_norce_read_timeout() throws Exception {
        server = new StallingServer(StallingServer.Mode.DRIBBLE, Duration.ofSeconds(1), 120)
                .answering("/identity/", "{\"access_token\":\"stalled\",\"expires_in\":3600}");
        ShopSettings shop = norceShop(server.baseUrl());
        ShopPlatform.Connected norce = norce(shop, new ShopClientSettings(CONNECT_TIMEOUT, READ_TIMEOUT));

        long started = System.nanoTime();
        assertThatThrownBy(() -> norce.orders().ordersSince(shop, Instant.EPOCH)).isInstanceOf(IOException.class)
                .hasMessageContaining("got no answer");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        await().atMost(Duration.ofSeconds(10)).until(() -> server.openNow() == 0);
        System.out.println("hanging: dribbled Norce order read failed after " + took.toMillis() + " ms, its connection"
                + " open " + server.lifetimesMillis() + " ms");
        assertThat(server.accepted()).as("the login, then the order read").isEqualTo(2);
        // The call's own time includes the first login and the JVM's first use of the client; the connection's does not.
        assertThat(server.lifetimesMillis()).singleElement().satisfies(millis -> assertThat(Duration.ofMillis(millis))
                .isBetween(READ_TIMEOUT.minusMillis(100), READ_TIMEOUT.plus(SLACK)));
        assertThat(took).isLessThan(READ_TIMEOUT.plus(SLACK));
    }

    @Test
    void a_norce_connection_never_accepted_fails_after_norce_connect_timeout() throws Exception {
        Duration connectTimeout = Duration.ofSeconds(1);
        try (FullListenQueue full = new FullListenQueue()) {
            ShopSettings shop = norceShop(full.baseUrl());
            // e-conomic's connect timeout stays at 5 s: this is Norce's own.
            ShopPlatform.Connected norce = norce(shop, new ShopClientSettings(connectTimeout, Duration.ofSeconds(20)));

            long started = System.nanoTime();
            assertThatThrownBy(() -> norce.checkCredentials(shop)).isInstanceOf(IOException.class)
                    .hasMessageContaining("Norce login for shop se");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.println("hanging: Norce connect never accepted, failed after " + took.toMillis() + " ms");
            assertThat(took).isBetween(connectTimeout.minusMillis(100), connectTimeout.plus(SLACK));
        }
    }

    @Test
    void norce_timeouts_are_settings_with_defaults_of_5_and_30_seconds() {
        assertThat(ShopClientSettings.load(source(Map.of()))).isEqualTo(ShopClientSettings.DEFAULTS)
                .isEqualTo(new ShopClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(ShopClientSettings.load(source(Map.of("norce.connect-timeout-seconds", "2",
                "norce.read-timeout-seconds", "7"))))
                .isEqualTo(new ShopClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(7)));
        ConfigSource zero = source(Map.of("norce.read-timeout-seconds", "0"));
        ShopClientSettings.load(zero);
        assertThatThrownBy(zero::failOnProblems).hasMessageContaining("norce.read-timeout-seconds");
    }

    @Test
    void a_write_without_an_answer_is_an_unknown_outcome_not_a_failure() throws Exception {
        server = new StallingServer(StallingServer.Mode.DRIBBLE, Duration.ofSeconds(1), 120);
        EconomicClient client = client(1);

        assertThatThrownBy(() -> client.createDocument(DocumentKind.DRAFT_INVOICE,
                JsonNodeFactory.instance.objectNode(), "se:1:abc"))
                .isInstanceOf(EconomicOutcomeUnknownException.class)
                .hasMessageContaining("look the document up");
    }

    @Test
    void calls_in_flight_never_exceed_the_calling_pool_and_rounds_of_hanging_calls_leave_no_threads_behind()
            throws Exception {
        server = new StallingServer(StallingServer.Mode.DRIBBLE, Duration.ofSeconds(1), 120);
        // The outage circuit would refuse most of these after two failures; here every call is to reach the server.
        EconomicClient client = client(1, 1_000);
        int pool = 4;
        // The first round starts the HTTP client's own workers, which it keeps for the next calls.
        hangingRound(client, pool);
        int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int round = 0; round < 3; round++) {
            hangingRound(client, pool);
        }

        assertThat(server.accepted()).isEqualTo(4 * 12);
        // What the client guarantees: a call blocks its caller, so at most `pool` calls are live; a call given up
        // closes its connection at its deadline, but the close reaches the server a little after the caller has
        // moved on and opened its next one. The server cannot tell a live connection from one closing, so it may
        // count each caller's live one and the one it just gave up: 2 × pool, the extra ones each closing at once,
        // which the lifetimes show (none outlived its call's read timeout by more than CLOSE_IN_TRANSIT).
        assertThat(server.lifetimesMillis()).hasSize(4 * 12).allSatisfy(millis -> assertThat(Duration.ofMillis(millis))
                .as("a given-up connection's lifetime").isBetween(READ_TIMEOUT.dividedBy(2),
                        READ_TIMEOUT.plus(CLOSE_IN_TRANSIT)));
        assertThat(server.mostConcurrent()).as("connections open at once").isLessThanOrEqualTo(2 * pool);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ManagementFactory.getThreadMXBean()
                .getThreadCount()).as("threads after three more rounds, baseline " + baseline + ": "
                        + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList())
                .isLessThanOrEqualTo(baseline + 5));
        System.out.println("hanging: 4 rounds of 12 calls from a pool of " + pool + ", at most "
                + server.mostConcurrent() + " connections open at once, each open "
                + server.lifetimesMillis().stream().mapToLong(Long::longValue).summaryStatistics() + " ms, threads " + ManagementFactory.getThreadMXBean()
                .getThreadCount() + " (baseline after the first round " + baseline + ")");
    }

    /** Twelve reads from a pool of {@code pool} threads, every one ending in the read timeout. */
    private void hangingRound(EconomicClient client, int pool) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(pool);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(callers.submit(() -> client.read("/customers?skippages=0")));
        }
        int timedOut = 0;
        for (Future<?> call : calls) {
            try {
                call.get(1, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(EconomicUnavailableException.class);
                timedOut++;
            }
        }
        callers.shutdown();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(timedOut).isEqualTo(12);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openNow() == 0);
    }

    private EconomicClient client(int attempts) {
        return client(attempts, attempts + 1);
    }

    private EconomicClient client(int attempts, int openAfter) {
        EconomicSettings settings = new EconomicSettings(URI.create(server.baseUrl()), Secret.of("app-secret"),
                Secret.of("grant"), 50_000, CONNECT_TIMEOUT, READ_TIMEOUT);
        Clock clock = Clock.systemUTC();
        return new EconomicClient(settings, http, null, clock, RateLimitGovernor.standard(clock, 50_000),
                RetryPolicy.standard().withMaxAttempts(attempts), new SplittableRandom(3), Sleeper.REAL,
                new Circuit("e-conomic", openAfter, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Backoff.Jitter.NONE), clock, new SplittableRandom(5)));
    }

    private static ConfigSource source(Map<String, String> file) {
        return new ConfigSource(file, Map.of(), Map.of(), "test");
    }

    private static ShopPlatform.Connected norce(ShopSettings shop, ShopClientSettings client) {
        return ShopPlatforms.connect(List.of(shop), client.newHttpClient(), client.readTimeout(), Clock.systemUTC())
                .of(shop);
    }

    private static ShopSettings norceShop(String baseUrl) {
        return new ShopSettings("se", ShopSettings.Platform.NORCE, URI.create(baseUrl), "client", Secret.of("secret"),
                "playground", List.of(1001), OrderFlowSettings.defaults(), StatusFlowSettings.defaults(),
                ReversalSettings.defaults(), ProductSettings.defaults(), StockPriceSettings.off(),
                ReconciliationSettings.defaults(), Optional.empty());
    }

    /**
     * A listening socket nothing accepts from, its queue filled: the kernel then drops further SYNs, so a connect
     * hangs (skipped where a kernel answers connects beyond the queue).
     */
    private static final class FullListenQueue implements AutoCloseable {
        private final ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<Socket> fillers = new ArrayList<>();

        FullListenQueue() throws IOException {
            boolean hangs = false;
            for (int i = 0; i < 16 && !hangs; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(full.getLocalSocketAddress(), 300);
                    fillers.add(filler);
                } catch (SocketTimeoutException e) {
                    filler.close();
                    hangs = true;
                }
            }
            if (!hangs) {
                close();
            }
            assumeTrue(hangs, "this kernel answers connects beyond the listen queue");
        }

        String baseUrl() {
            return "http://127.0.0.1:" + full.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket filler : fillers) {
                filler.close();
            }
            full.close();
        }
    }
}

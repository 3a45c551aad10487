package io.jesync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import io.jesync.config.EconomicSettings;
import io.jesync.config.Secret;
import io.jesync.economic.DocumentKind;
import io.jesync.economic.EconomicClient;
import io.jesync.economic.EconomicOutcomeUnknownException;
import io.jesync.economic.EconomicUnavailableException;
import io.jesync.economic.RateLimitGovernor;
import io.jesync.economic.RetryPolicy;
import io.jesync.economic.Sleeper;
import io.jesync.testsupport.StallingServer;

/**
 * R15, a hanging dependency, against a plain TCP server that accepts and then never answers, or answers a 200's
 * headers and dribbles the body over 120 s: the read timeout (2 s here, {@code economic.read-timeout-seconds}) ends
 * the call either way, a write without an answer is an unknown outcome, every connection given up is closed (none
 * piles up behind a pool of callers), and rounds of hanging calls leave the thread count at its baseline.
 */
class HangingDependencyTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous for a loaded build machine; without the answer deadline a dribbled answer takes 120 s. */
    private static final Duration SLACK = Duration.ofSeconds(4);

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
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Nothing accepts: once the listen queue is full the kernel drops further SYNs, so a connect hangs.
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
            assumeTrue(hangs, "this kernel answers connects beyond the listen queue");
            EconomicSettings settings = new EconomicSettings(URI.create("http://127.0.0.1:" + full.getLocalPort()),
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
        } finally {
            for (Socket filler : fillers) {
                filler.close();
            }
        }
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
        // A caller moves on as soon as its call timed out, while the connection it gave up is still being closed:
        // so one caller holds at most its live connection and the one closing. Without the close they pile up.
        assertThat(server.mostConcurrent()).as("connections open at once").isLessThanOrEqualTo(2 * pool);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ManagementFactory.getThreadMXBean()
                .getThreadCount()).as("threads after three more rounds, baseline " + baseline + ": "
                        + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList())
                .isLessThanOrEqualTo(baseline + 5));
        System.out.println("hanging: 4 rounds of 12 calls from a pool of " + pool + ", at most "
                + server.mostConcurrent() + " in flight, threads " + ManagementFactory.getThreadMXBean()
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
}

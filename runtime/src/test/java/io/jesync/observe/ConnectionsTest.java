package io.jesync.observe;

import io.jesync.http.NetworkFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.jesync.testsupport.MutableClock;

/** The console's connections: the cause in words with its fix, and each outage logged once as it starts and ends. */
class ConnectionsTest {
    private static final URI SHOP = URI.create("https://acme.invalid/identity/1.0/connect/token");

    @Test
    void an_unknown_host_is_named_with_the_setting_to_check_instead_of_null() {
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new ConnectException() {{ initCause(new UnresolvedAddressException()); }});

        assertThat(NetworkFailure.describe(unresolved, SHOP, "shop.se.base-url"))
                .isEqualTo("host acme.invalid not found – check shop.se.base-url");
        assertThat(NetworkFailure.describe(new ConnectException(), URI.create("http://127.0.0.1:9/x"),
                "economic.base-url"))
                .isEqualTo("nothing answers at 127.0.0.1:9 (connection refused) – check economic.base-url, or"
                        + " whether the service is down");
        assertThat(NetworkFailure.describe(new java.net.http.HttpTimeoutException("request timed out"), SHOP,
                "shop.se.base-url")).startsWith("no answer from acme.invalid within the timeout");
    }

    @Test
    void an_outage_is_logged_once_when_it_starts_and_once_when_it_ends_and_probed_at_most_once_per_cache_time() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger probes = new AtomicInteger();
        RemoteAuthHealthCheck economic = new RemoteAuthHealthCheck(Connections.ECONOMIC, "e-conomic", () -> {
            probes.incrementAndGet();
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            return "agreement 1";
        }, true, Duration.ofSeconds(60), clock);
        Connections connections = new Connections(List.of(economic));
        String text = logOf(() -> {
            assertThat(connections.downCount()).isZero();
            failure.set("e-conomic cannot be reached: host nohost.invalid not found – check economic.base-url.");
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofSeconds(30));
                connections.recheckDown();
                connections.view();
            }
            assertThat(connections.downCount()).isEqualTo(1);
            assertThat(connections.view().get(0).path("detail").asText()).contains("check economic.base-url");
            assertThat(connections.view().get(0).path("since").asText()).isEqualTo("2026-03-01T10:01:30Z");
            failure.set(null);
            clock.advance(Duration.ofSeconds(11));
            connections.recheckDown();
        });
        assertThat(connections.downCount()).isZero();
        assertThat(probes.get()).as("once a minute while up, every 10 s while down").isEqualTo(6);
        assertThat(text.lines().filter(l -> l.contains("Connection to e-conomic is down"))).hasSize(1);
        assertThat(text.lines().filter(l -> l.contains("Connection to e-conomic is back after"))).hasSize(1);
        assertThat(text).doesNotContain("\tat ");
    }

    @Test
    void a_shop_the_flows_cannot_reach_is_down_although_its_token_is_valid_until_the_order_poll_gets_through() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        RemoteAuthHealthCheck shop = new RemoteAuthHealthCheck("shop-se-auth", "shop se", () -> "token valid",
                false, Duration.ofSeconds(60), clock);
        RemoteAuthHealthCheck other = new RemoteAuthHealthCheck("shop-no-auth", "shop no", () -> "token valid",
                false, Duration.ofSeconds(60), clock);
        Connections connections = new Connections(List.of(shop, other));
        Exception unavailable = new RuntimeException("wrapped", new io.jesync.shop.ShopUnavailableException(
                "Norce order query of shop se failed with HTTP 503", 503, null, null));
        String text = logOf(() -> {
            for (int i = 0; i < 5; i++) {
                connections.flowFailed("poll-orders-se", true, unavailable);
                clock.advance(Duration.ofSeconds(30));
                connections.recheckDown();
            }
            assertThat(connections.view().get(0).path("up").asBoolean()).isFalse();
            assertThat(connections.view().get(0).path("detail").asText())
                    .isEqualTo("Norce order query of shop se failed with HTTP 503");
            assertThat(connections.view().get(1).path("up").asBoolean()).as("another shop's routes").isTrue();
            connections.flowReached("poll-orders-se");
        });
        assertThat(connections.downCount()).isZero();
        assertThat(text.lines().filter(l -> l.contains("Connection to shop se is down"))).hasSize(1);
        assertThat(text.lines().filter(l -> l.contains("Connection to shop se is back after 150 s"))).hasSize(1);
    }

    private static String logOf(Runnable work) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            work.run();
        } finally {
            System.setErr(err);
        }
        return log.toString(StandardCharsets.UTF_8);
    }
}

package io.jesync.shop.norce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.jesync.config.Secret;
import io.jesync.settings.ShopSettings;
import io.jesync.simulator.Fault;
import io.jesync.simulator.norce.NorceSimulator;

/** Norce allows 3 token requests a minute: concurrent callers and concurrent 401s must share one request. */
class NorceOrderTokenTest extends NorceOrderTestSupport {
    private static final int CALLERS = 12;

    private List<Integer> concurrently(NorceOrderReader target) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Callable<Integer> call = () -> {
                    go.await();
                    return target.fetch(shop, SE_APP, Set.of(2), null, null).orders().size();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<Integer> sizes = new ArrayList<>();
            for (Future<Integer> f : results) {
                sizes.add(f.get());
            }
            return sizes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrent_first_callers_share_one_token_request() throws Exception {
        sim.placeOrder(simple(SE_APP, 2));

        assertThat(concurrently(reader)).containsOnly(1);
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void concurrent401s_refresh_the_token_once() throws Exception {
        sim.placeOrder(simple(SE_APP, 2));
        NorceOrderReader frozen = new NorceOrderReader(new NorceConnection(http,
                Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)));
        frozen.fetch(shop, SE_APP, Set.of(2), null, null);
        clock.advance(Duration.ofHours(2));

        assertThat(concurrently(frozen)).containsOnly(1);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void token_is_reused_until_shortly_before_it_expires() throws Exception {
        sim.placeOrder(simple(SE_APP, 2));
        reader.fetch(shop, SE_APP, Set.of(2), null, null);
        clock.advance(Duration.ofMinutes(50));
        reader.fetch(shop, SE_APP, Set.of(2), null, null);
        assertThat(tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(9).plusSeconds(30));
        reader.fetch(shop, SE_APP, Set.of(2), null, null);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void token_endpoint_rate_limit_is_retryable() {
        sim.faults().script(TOKEN_ENDPOINT, Fault.RATE_LIMITED);

        NorceUnavailableException e = catchThrowableOfType(NorceUnavailableException.class, () -> reader.fetch(shop, SE_APP, Set.of(2), null, null));

        assertThat(e.status()).isEqualTo(429);
    }

    /**
     * A 429 from the token endpoint: nobody asks again before its Retry-After, every caller meanwhile gets a
     * retryable error naming the wait, and the outage is one log line when it starts and one when it ends.
     */
    @Test
    void token_endpoint429_is_honoured_until_retry_after_and_logged_once_per_outage() throws Exception {
        sim.placeOrder(simple(SE_APP, 2));
        sim.faults().configure(7L, List.of(io.jesync.simulator.FaultRule.none(TOKEN_ENDPOINT).withRateLimited(0, 30)));
        sim.faults().script(TOKEN_ENDPOINT, Fault.RATE_LIMITED);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        List<NorceUnavailableException> refused = new ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < 5; i++) {
                refused.add(catchThrowableOfType(NorceUnavailableException.class,
                        () -> reader.fetch(shop, SE_APP, Set.of(2), null, null)));
                clock.advance(Duration.ofSeconds(5));
            }
            clock.advance(Duration.ofSeconds(6));
            assertThat(reader.fetch(shop, SE_APP, Set.of(2), null, null).orders()).hasSize(1);
        } finally {
            System.setErr(err);
        }

        assertThat(refused).allSatisfy(e -> assertThat(e.status()).isEqualTo(429));
        assertThat(refused.get(0).retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(refused.get(4).retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(tokenRequests()).as("one refused request, one after the wait").isEqualTo(2);
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.lines().filter(l -> l.contains("Norce login for shop webshop fails"))).hasSize(1);
        assertThat(text.lines().filter(l -> l.contains("Norce login for shop webshop works again"))).hasSize(1);
        assertThat(text).doesNotContain("s3cret");
    }

    @Test
    void the_simulator_allows_a_burst_of20_then_three_a_minute() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            statuses.add(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl()
                            + NorceSimulator.TOKEN_PATH)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                            + "&client_id=jesync&client_secret=s3cret&scope=playground")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        clock.advance(Duration.ofSeconds(20));
        int afterRefill = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl()
                        + NorceSimulator.TOKEN_PATH)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&client_id=jesync&client_secret=s3cret&scope=playground")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();

        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(statuses.subList(20, 22)).containsOnly(429);
        assertThat(afterRefill).isEqualTo(200);
    }

    @Test
    void a_scope_that_is_no_norce_environment_is_refused() {
        ShopSettings demo = new ShopSettings(shop.id(), shop.platform(), shop.baseUrl(), shop.clientId(),
                Secret.of("s3cret"), "demo", shop.applicationIds(), io.jesync.order.OrderFlowSettings.defaults(),
                io.jesync.status.StatusFlowSettings.defaults(), io.jesync.reversal.ReversalSettings.defaults(),
                io.jesync.product.ProductSettings.defaults(),
                io.jesync.stock.StockPriceSettings.off(), io.jesync.reconcile.ReconciliationSettings.defaults(), java.util.Optional.empty());

        assertThat(catchThrowable(() -> reader.fetch(demo, SE_APP, Set.of(2), null, null)))
                .isInstanceOf(NorceTokenProvider.NorceAuthException.class).hasMessageContaining("scope");
    }

    @Test
    void wrong_credentials_are_permanent() {
        ShopSettings wrong = new ShopSettings(shop.id(), shop.platform(), shop.baseUrl(), shop.clientId(),
                Secret.of("wrong"), shop.scope(), shop.applicationIds(), io.jesync.order.OrderFlowSettings.defaults(),
                io.jesync.status.StatusFlowSettings.defaults(), io.jesync.reversal.ReversalSettings.defaults(),
                io.jesync.product.ProductSettings.defaults(),
                io.jesync.stock.StockPriceSettings.off(), io.jesync.reconcile.ReconciliationSettings.defaults(), java.util.Optional.empty());

        assertThat(catchThrowable(() -> reader.fetch(wrong, SE_APP, Set.of(2), null,
                null))).isInstanceOf(NorceTokenProvider.NorceAuthException.class).hasMessageContaining("HTTP 400");
    }
}

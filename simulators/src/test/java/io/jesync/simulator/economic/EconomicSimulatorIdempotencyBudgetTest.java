package io.jesync.simulator.economic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.jesync.simulator.Fault;

class EconomicSimulatorIdempotencyBudgetTest extends EconomicTestClient {

    private Reply postWithKey(String path, String key, com.fasterxml.jackson.databind.JsonNode body) {
        return send("POST", path, body, Map.of("Idempotency-Key", key));
    }

    @Test
    void same_key_within_an_hour_replays_without_writing_again() {
        Reply first = postWithKey("/customers", "cust-1", customerBody("Anna"));
        Reply replay = postWithKey("/customers", "cust-1", customerBody("Anna"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("X-ResultFromCache")).isNull();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("X-ResultFromCache")).isEqualTo("true");
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("X-RequestId")).isNotEqualTo(first.header("X-RequestId"));
        assertThat(simulator.customers()).hasSize(1);

        clock.advance(Duration.ofMinutes(59));
        assertThat(postWithKey("/customers", "cust-1", customerBody("Anna")).header("X-ResultFromCache"))
                .isEqualTo("true");
        clock.advance(Duration.ofMinutes(1));
        Reply fresh = postWithKey("/customers", "cust-1", customerBody("Anna"));
        assertThat(fresh.header("X-ResultFromCache")).isNull();
        assertThat(simulator.customers()).hasSize(2);
    }

    @Test
    void repeated_delete_with_key_replays204_without_key_gives404() {
        int number = createCustomer("Anna");

        Reply first = send("DELETE", "/customers/" + number, null, Map.of("Idempotency-Key", "del-1"));
        Reply replay = send("DELETE", "/customers/" + number, null, Map.of("Idempotency-Key", "del-1"));
        Reply noKey = delete("/customers/" + number);

        assertThat(first.status()).isEqualTo(204);
        assertThat(replay.status()).isEqualTo(204);
        assertThat(replay.header("X-ResultFromCache")).isEqualTo("true");
        assertThat(noKey.status()).isEqualTo(404);
    }

    @Test
    void rejected_writes_are_not_cached_so_a_fixed_retry_goes_through() {
        var broken = customerBody("Anna");
        broken.remove("currency");

        assertThat(postWithKey("/customers", "cust-2", broken).status()).isEqualTo(400);
        Reply fixed = postWithKey("/customers", "cust-2", customerBody("Anna"));

        assertThat(fixed.status()).isEqualTo(201);
        assertThat(fixed.header("X-ResultFromCache")).isNull();
    }

    @Test
    void lost_response_stores_the_draft_and_the_keyed_retry_replays_it() {
        int customer = createCustomer("Anna");
        simulator.faults().script("POST /invoices/drafts", Fault.LOST_RESPONSE);

        assertThatThrownBy(() -> sendOrFail("POST", "/invoices/drafts", draftBody(customer, "SHOP-1"),
                Map.of("Idempotency-Key", "draft-SHOP-1"))).isInstanceOf(IOException.class);
        assertThat(simulator.draftInvoices()).hasSize(1);

        Reply retry = postWithKey("/invoices/drafts", "draft-SHOP-1", draftBody(customer, "SHOP-1"));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("X-ResultFromCache")).isEqualTo("true");
        assertThat(simulator.draftInvoices()).hasSize(1);
        assertThat(simulator.journal()).extracting(r -> r.fault()).contains(Fault.LOST_RESPONSE);
    }

    @Test
    void injected_server_error_keeps_the_economic_shape_and_rate_headers() {
        simulator.faults().script("GET /customers", Fault.SERVER_ERROR);

        Reply reply = get("/customers");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body().path("httpStatusCode").asInt()).isEqualTo(500);
        assertThat(reply.header("X-RateLimiting")).isNotNull();
        assertThat(get("/customers").status()).isEqualTo(200);
    }

    @Test
    void every_response_reports_cost_and_bucket_use() {
        Reply read = get("/vat-zones");
        Reply write = post("/customers", customerBody("Anna"));

        assertThat(read.header("X-CallCost")).isEqualTo("1");
        assertThat(read.header("X-RateLimiting")).isEqualTo("token-limit-10000-per-60-seconds: 1/10000");
        assertThat(write.header("X-CallCost")).isEqualTo("3");
        assertThat(write.header("X-RateLimiting")).isEqualTo("token-limit-10000-per-60-seconds: 4/10000");
        assertThat(simulator.budget().used()).isEqualTo(4);
    }

    @Test
    void empty_bucket_gives429_without_retry_after_and_refills_over_the_window() {
        simulator.budget().configure(5, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            assertThat(get("/vat-zones").status()).isEqualTo(200);
        }

        Reply rejected = get("/vat-zones");

        assertThat(rejected.status()).isEqualTo(429);
        assertThat(rejected.header("Retry-After")).isNull();
        assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rejected.body().path("status").asInt()).isEqualTo(429);
        assertThat(rejected.body().path("title").asText()).isEqualTo("Too Many Requests");
        assertThat(rejected.header("X-CallCost")).isEqualTo("1");
        assertThat(rejected.header("X-RateLimiting")).isEqualTo("token-limit-5-per-60-seconds: 5/5");
        assertThat(post("/customers", customerBody("Anna")).status()).isEqualTo(429);
        assertThat(simulator.customers()).isEmpty();

        clock.advance(Duration.ofSeconds(12));
        assertThat(get("/vat-zones").status()).as("one token drained back").isEqualTo(200);
        assertThat(get("/vat-zones").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));
        assertThat(get("/vat-zones").header("X-RateLimiting")).isEqualTo("token-limit-5-per-60-seconds: 1/5");
    }

    @Test
    void daily_call_count_follows_the_utc_day_of_the_sim_clock() {
        get("/vat-zones");
        get("/layouts");
        send("GET", "/layouts", null, Map.of("X-AppSecretToken", "wrong"));

        assertThat(simulator.callsToday()).isEqualTo(2);
        clock.advance(Duration.ofDays(1));
        get("/layouts");

        assertThat(simulator.callsToday()).isEqualTo(1);
        assertThat(simulator.budget().callsOn(LocalDate.of(2026, 9, 1))).isEqualTo(2);
    }

    @Test
    void concurrent_clients_get_distinct_numbers_and_one_write_per_key() throws Exception {
        int customer = createCustomer("Anna");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String reference = "SHOP-" + i;
                calls.add(() -> post("/invoices/drafts", draftBody(customer, reference)));
                calls.add(() -> postWithKey("/invoices/drafts", "same-key", draftBody(customer, "SHOP-KEYED")));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Reply> future : pool.invokeAll(calls)) {
                Reply reply = future.get();
                assertThat(reply.status()).isEqualTo(201);
                numbers.add(reply.body().path("draftInvoiceNumber").asInt());
            }

            assertThat(simulator.draftInvoices()).hasSize(41);
            assertThat(numbers.stream().distinct().count()).isEqualTo(41);
        } finally {
            pool.shutdownNow();
        }
    }
}

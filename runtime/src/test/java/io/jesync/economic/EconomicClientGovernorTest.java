package io.jesync.economic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.observe.ApiCallMeter;
import io.jesync.store.Database;
import io.jesync.store.Migrations;
import io.jesync.testsupport.TestDatabases;

class EconomicClientGovernorTest extends EconomicClientTestSupport {

    @TempDir
    Path tempDir;

    @Test
    void burst_against_a_small_bucket_is_paced_and_never_throttled() {
        simulator.budget().configure(20, Duration.ofSeconds(60));
        EconomicClient client = client();

        for (int i = 0; i < 60; i++) {
            client.self();
        }

        assertThat(rejectedWith429()).isZero();
        assertThat(journal("GET /self")).hasSize(60);
        assertThat(waits).isNotEmpty().allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(4)));
        assertThat(client.governor().headroom()).hasValueSatisfying(status -> {
            assertThat(status.limit()).isEqualTo(20);
            assertThat(status.used()).isLessThanOrEqualTo(20 * 0.8 + 1);
        });
        assertThat(client.governor().callsToday()).isEqualTo(60);
        assertThat(client.governor().dailyCallBudget()).isEqualTo(50_000);
    }

    @Test
    void wait_grows_with_the_buckets_fill_above_the_threshold() {
        RateLimitGovernor governor = RateLimitGovernor.standard(clock, 50_000);
        assertThat(governor.reserve(false)).isZero();

        governor.observe(false, RateLimitStatus.parse("token-limit-10000-per-60-seconds: 7000/10000"), Optional.of(1));
        assertThat(governor.reserve(false)).isZero();

        governor.observe(false, RateLimitStatus.parse("token-limit-10000-per-60-seconds: 8500/10000"), Optional.of(1));
        Duration first = governor.reserve(false);
        Duration second = governor.reserve(false);
        // 501 tokens over 80 % at 166.7 tokens/s is about 3 s; the next caller queues behind it.
        assertThat(first).isBetween(Duration.ofMillis(3000), Duration.ofMillis(3020));
        assertThat(second).isGreaterThan(first);
        assertThat(governor.callsToday()).isEqualTo(2);
    }

    @Test
    void rate_limit_header_is_parsed() {
        assertThat(RateLimitStatus.parse("token-limit-10000-per-60-seconds: 147/10000")).hasValueSatisfying(s -> {
            assertThat(s.used()).isEqualTo(147);
            assertThat(s.limit()).isEqualTo(10_000);
            assertThat(s.window()).isEqualTo(Duration.ofSeconds(60));
        });
        assertThat(RateLimitStatus.parse("garbage")).isEmpty();
        assertThat(RateLimitStatus.parse(null)).isEmpty();
    }

    @Test
    void every_call_is_metered_with_its_cost() {
        Database database = TestDatabases.fresh(TestDatabases.Kind.H2, tempDir);
        try {
            new Migrations(database).migrate();
            ApiCallMeter meter = new ApiCallMeter(database, clock);
            EconomicClient client = client(settings(APP_SECRET, GRANT, Duration.ofSeconds(5)), RetryPolicy.standard(),
                    meter);
            simulator.faults().script("GET /self", io.jesync.simulator.Fault.SERVER_ERROR);

            client.self();
            createCustomer(client, "Anna");

            var reading = meter.today(EconomicTransport.METER_SYSTEM);
            assertThat(reading.calls()).isEqualTo(3);
            assertThat(reading.cost()).isEqualByComparingTo(BigDecimal.valueOf(1 + 1 + 3));
        } finally {
            database.close();
        }
        schemaCheck.assertNoViolations();
    }
}

package io.jesync.backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void the_ceiling_doubles_from_the_base_up_to_the_cap_without_overflowing() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), Backoff.Jitter.NONE);

        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(4000));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(3, new SplittableRandom(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void equal_jitter_stays_between_half_the_ceiling_and_the_ceiling() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(30), Backoff.Jitter.EQUAL);
        SplittableRandom random = new SplittableRandom(7);

        for (int attempt = 1; attempt < 40; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            assertThat(backoff.delay(attempt, random)).isBetween(ceiling.dividedBy(2), ceiling);
        }
    }

    @Test
    void full_jitter_spreads_from_zero_to_the_ceiling_and_the_same_seed_gives_the_same_waits() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Backoff.Jitter.FULL);
        SplittableRandom first = new SplittableRandom(11);
        SplittableRandom second = new SplittableRandom(11);

        for (int attempt = 1; attempt < 20; attempt++) {
            Duration wait = backoff.delay(attempt, first);
            assertThat(wait).isBetween(Duration.ZERO, backoff.ceiling(attempt));
            assertThat(backoff.delay(attempt, second)).isEqualTo(wait);
        }
    }

    @Test
    void a_wait_the_server_asked_for_is_never_cut_short() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Backoff.Jitter.FULL);

        assertThat(backoff.delay(1, Duration.ofMinutes(2), new SplittableRandom(3))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_cap_below_the_base_is_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Backoff.Jitter.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retry_after_reads_seconds_and_http_dates_and_ignores_anything_else() {
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 09:00:00 GMT", NOW)).as("a date past").contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}

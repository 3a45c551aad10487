package io.jesync.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.jesync.testsupport.MutableClock;

class CircuitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T01:00:00Z"));
    private final Circuit circuit = new Circuit("e-conomic", 3, new Backoff(Duration.ofSeconds(5),
            Duration.ofSeconds(30), Backoff.Jitter.NONE), clock, new SplittableRandom(1));

    @Test
    void failures_below_the_threshold_or_broken_by_an_answer_never_open_it() {
        circuit.failed("HTTP 503", Duration.ZERO);
        circuit.failed("HTTP 503", Duration.ZERO);
        circuit.succeeded();
        circuit.failed("HTTP 503", Duration.ZERO);
        circuit.failed("HTTP 503", Duration.ZERO);

        assertThat(circuit.admit()).isEmpty();
        assertThat(circuit.open()).isFalse();
    }

    @Test
    void open_it_refuses_until_the_interval_passed_then_lets_one_probe_through_at_a_time() {
        fail(3);

        assertThat(circuit.admit()).get().satisfies(refusal -> {
            assertThat(refusal.retryIn()).isEqualTo(Duration.ofSeconds(5));
            assertThat(refusal.failures()).isEqualTo(3);
            assertThat(refusal.lastFailure()).isEqualTo("HTTP 503");
        });
        clock.advance(Duration.ofSeconds(5));
        assertThat(circuit.admit()).as("the probe").isEmpty();
        assertThat(circuit.admit()).as("a second caller while the probe is out").isPresent();

        circuit.succeeded();
        assertThat(circuit.open()).isFalse();
        assertThat(circuit.admit()).isEmpty();
    }

    @Test
    void each_failed_probe_doubles_the_interval_up_to_the_cap_and_a_retry_after_is_never_cut_short() {
        fail(3);
        Duration[] intervals = new Duration[6];
        for (int i = 0; i < intervals.length; i++) {
            Duration wait = circuit.admit().orElseThrow().retryIn();
            intervals[i] = wait;
            clock.advance(wait);
            assertThat(circuit.admit()).isEmpty();
            circuit.failed("HTTP 503", Duration.ZERO);
        }
        assertThat(intervals).extracting(Duration::toSeconds).containsExactly(5L, 10L, 20L, 30L, 30L, 30L);

        Duration wait = circuit.admit().orElseThrow().retryIn();
        clock.advance(wait);
        assertThat(circuit.admit()).isEmpty();
        circuit.failed("HTTP 503", Duration.ofMinutes(2));
        assertThat(circuit.admit().orElseThrow().retryIn()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void an_abandoned_probe_lets_the_next_caller_probe() {
        fail(3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(circuit.admit()).isEmpty();
        circuit.abandoned();

        assertThat(circuit.admit()).isEmpty();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            circuit.failed("HTTP 503", Duration.ZERO);
        }
    }
}

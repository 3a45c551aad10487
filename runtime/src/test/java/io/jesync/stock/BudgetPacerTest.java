package io.jesync.stock;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetPacerTest {
    private static final Instant NOON = Instant.parse("2026-09-01T12:00:00Z");
    private final BudgetPacer pacer = new BudgetPacer(Duration.ofMinutes(2), Duration.ofMinutes(30), 0.2);

    @Test
    void on_track_keeps_the_configured_interval_and_allows_the_scans() {
        BudgetPacer.Decision d = pacer.decide(NOON, 5_000, 50_000, 0.1, 1, 100, 200);

        assertThat(d.pollInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.stretch()).isEqualTo(1.0);
        assertThat(d.fullScanAllowed()).isTrue();
        assertThat(d.priceScanAllowed()).isTrue();
        assertThat(d.slowed()).isFalse();
        assertThat(d.spendable()).isEqualTo(35_000);
    }

    @Test
    void the_poll_stretches_as_the_days_budget_runs_down() {
        // 40,000 allowed, 39,820 used: 180 calls for 12 hours of 3-call polls → one poll every 12 minutes.
        BudgetPacer.Decision d = pacer.decide(NOON, 39_820, 50_000, 0.1, 3, 100, 200);

        assertThat(d.pollInterval()).isEqualTo(Duration.ofMinutes(12));
        assertThat(d.stretch()).isEqualTo(6.0);
        assertThat(d.fullScanAllowed()).isFalse();
        assertThat(d.reason()).contains("poll slowed", "full reconciliation skipped");
    }

    @Test
    void an_exhausted_budget_polls_at_the_maximum_interval() {
        BudgetPacer.Decision d = pacer.decide(NOON, 45_000, 50_000, 0.1, 1, 100, 200);

        assertThat(d.pollInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.spendable()).isZero();
    }

    @Test
    void a_filling_token_bucket_holds_the_scans_back_but_not_the_poll() {
        BudgetPacer.Decision d = pacer.decide(NOON, 1_000, 50_000, 0.75, 1, 100, 200);

        assertThat(d.pollInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.fullScanAllowed()).isFalse();
        assertThat(d.priceScanAllowed()).isFalse();
        assertThat(d.reason()).contains("token bucket");
    }
}

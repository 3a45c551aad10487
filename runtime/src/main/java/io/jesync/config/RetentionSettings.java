package io.jesync.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How long finished history stays in the store ({@code store.retention.*}); the retention job deletes what is older.
 * Anything still in play (an order not yet acknowledged or skipped, a running reconciliation, an unresolved parked
 * item) is kept whatever its age.
 */
public record RetentionSettings(Duration orderEvents, Duration traces, Duration reconciliationRuns,
                                Duration resolvedParked, Duration scheduledRuns, String cron) {
    static final String PREFIX = "store.retention.";
    /** Nightly, outside the 05:30 reconciliation. */
    static final String DEFAULT_CRON = "0 15 3 * * ?";

    public static RetentionSettings load(ConfigSource source) {
        Optional<String> cron = SettingReader.cron(source, PREFIX + "cron");
        return new RetentionSettings(
                SettingReader.duration(source, PREFIX + "order-events", "180d"),
                SettingReader.duration(source, PREFIX + "traces", "90d"),
                SettingReader.duration(source, PREFIX + "reconciliation-runs", "180d"),
                SettingReader.duration(source, PREFIX + "resolved-parked", "30d"),
                SettingReader.duration(source, PREFIX + "scheduled-runs", "7d"),
                cron.orElse(DEFAULT_CRON));
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(Duration.ofDays(180), Duration.ofDays(90), Duration.ofDays(180),
                Duration.ofDays(30), Duration.ofDays(7), DEFAULT_CRON);
    }
}

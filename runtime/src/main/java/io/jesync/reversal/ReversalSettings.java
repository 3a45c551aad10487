package io.jesync.reversal;

import java.time.Duration;
import java.util.Locale;

import io.jesync.config.ConfigSource;
import io.jesync.config.ConfigurationException;
import io.jesync.config.SettingReader;
import io.jesync.status.StatusFlowSettings;
import io.jesync.store.WatermarkWindow;

/**
 * What happens in e-conomic when a transferred order changes in the shop afterwards (cancelled, refunded,
 * returned). Read from {@code shop.<id>.reversal.*}.
 *
 * @param onCancel        what a cancellation in the shop does to the order's document
 * @param bookCreditNotes false leaves credit notes as drafts for the accountant to check and book
 */
public record ReversalSettings(
        boolean enabled,
        Duration pollInterval,
        Duration overlap,
        Duration initialLookback,
        OnCancel onCancel,
        boolean bookCreditNotes) implements WatermarkWindow.Reach {

    /** The merchant's policy for orders cancelled in the shop after they reached e-conomic. */
    public enum OnCancel {
        /** Delete the draft (invoice or order), or credit the booked invoice. */
        REVERSE,
        /** Send nothing; the order waits for a person. */
        PARK,
        /** Send nothing and ask nobody; only the order's timeline records it. */
        IGNORE
    }

    /** Defaults: off outside demo (a live shop switches it on once the policy is chosen), on in demo. */
    public static ReversalSettings load(ConfigSource source, String shopId, boolean demo) {
        String r = "shop." + shopId + ".reversal.";
        String onCancel = source.get(r + "on-cancel").orElse("reverse");
        OnCancel policy = source.attempt(() -> {
            try {
                return OnCancel.valueOf(onCancel.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(r + "on-cancel", "'" + onCancel + "' is not one of reverse, park, "
                        + "ignore");
            }
        }, OnCancel.REVERSE);
        return new ReversalSettings(
                SettingReader.bool(source, r + "enabled", demo),
                // The demo's shopkeeper cancels and refunds often; its credit notes should show within a minute.
                SettingReader.duration(source, r + "poll-interval", demo ? StatusFlowSettings.DEMO_POLL_INTERVAL : "5m"),
                SettingReader.duration(source, r + "overlap", "10m"),
                SettingReader.duration(source, r + "initial-lookback", "72h"),
                policy,
                SettingReader.bool(source, r + "book-credit-notes", true));
    }

    /** Every setting at its default, switched on; for tests and tools. */
    public static ReversalSettings defaults() {
        return new ReversalSettings(true, Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(72),
                OnCancel.REVERSE, true);
    }
}

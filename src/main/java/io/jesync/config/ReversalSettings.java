package io.jesync.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        boolean bookCreditNotes) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

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
    static ReversalSettings load(ConfigSource source, String shopId, boolean demo) {
        String r = "shop." + shopId + ".reversal.";
        String onCancel = source.get(r + "on-cancel").orElse("reverse");
        OnCancel policy;
        try {
            policy = OnCancel.valueOf(onCancel.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(r + "on-cancel", "'" + onCancel + "' is not one of reverse, park, ignore");
        }
        return new ReversalSettings(
                SettingReader.bool(source, r + "enabled", demo),
                duration(source, r + "poll-interval", "5m"),
                duration(source, r + "overlap", "10m"),
                duration(source, r + "initial-lookback", "72h"),
                policy,
                SettingReader.bool(source, r + "book-credit-notes", true));
    }

    /** Every setting at its default, switched on; for tests and tools. */
    public static ReversalSettings defaults() {
        return new ReversalSettings(true, Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(72),
                OnCancel.REVERSE, true);
    }

    /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT5M}. */
    private static Duration duration(ConfigSource source, String key, String fallback) {
        String text = source.get(key).orElse(fallback).strip();
        Matcher simple = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException(key, "'" + text + "' is not a duration (e.g. 30s, 5m, 2h or PT5M)");
        }
    }
}

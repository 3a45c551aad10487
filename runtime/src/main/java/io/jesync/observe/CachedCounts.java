package io.jesync.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A ledger's counts by state, read at most once per {@code maxAge}: every gauge of one shop asks for them on each
 * scrape, and one query should answer them all.
 */
public final class CachedCounts<K> {
    private final Supplier<Map<K, Long>> read;
    private final Duration maxAge;
    private final Clock clock;
    private Map<K, Long> counts = Map.of();
    private Instant readAt = Instant.MIN;

    public CachedCounts(Supplier<Map<K, Long>> read, Duration maxAge, Clock clock) {
        this.read = read;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public synchronized Map<K, Long> get() {
        Instant now = clock.instant();
        if (readAt.plus(maxAge).isBefore(now)) {
            counts = read.get();
            readAt = now;
        }
        return counts;
    }
}

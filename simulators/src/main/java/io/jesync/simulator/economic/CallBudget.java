package io.jesync.simulator.economic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agreement's token bucket (10,000 tokens per 60 s, reported as used/limit) and the fair-use daily
 * call count (50,000 calls per 24 h, counted here per UTC day). Used tokens drain continuously at
 * limit/window, so a full bucket is empty again one window after the last call.
 */
public final class CallBudget {
    private final Clock clock;
    private final Map<LocalDate, AtomicLong> callsPerDay = new ConcurrentHashMap<>();
    private int capacity;
    private Duration window;
    private double used;
    private Instant drainedAt;

    CallBudget(Clock clock, int capacity, Duration window) {
        this.clock = clock;
        configure(capacity, window);
    }

    /** Replaces the bucket and starts it empty. */
    public synchronized void configure(int capacity, Duration window) {
        if (capacity < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("bucket needs a positive size and window");
        }
        this.capacity = capacity;
        this.window = window;
        this.used = 0;
        this.drainedAt = clock.instant();
    }

    /**
     * Starts the bucket with {@code tokens} already used, as a long run of calls leaves it: a benchmark measures the
     * steady pace rather than the first window's burst.
     */
    public synchronized void fill(int tokens) {
        if (tokens < 0 || tokens > capacity) {
            throw new IllegalArgumentException("a bucket of " + capacity + " cannot hold " + tokens + " used tokens");
        }
        drain();
        used = tokens;
    }

    /** Takes {@code cost} tokens if they are all there; a refused call takes nothing. */
    synchronized boolean tryTake(int cost) {
        drain();
        if (used + cost > capacity) {
            return false;
        }
        used += cost;
        return true;
    }

    public synchronized int used() {
        drain();
        return (int) Math.ceil(used - 1e-9);
    }

    public synchronized int capacity() {
        return capacity;
    }

    public synchronized Duration window() {
        return window;
    }

    /** The {@code X-RateLimiting} header value, e.g. {@code token-limit-10000-per-60-seconds: 147/10000}. */
    synchronized String header() {
        return "token-limit-" + capacity + "-per-" + window.toSeconds() + "-seconds: " + used() + "/" + capacity;
    }

    void countCall() {
        callsPerDay.computeIfAbsent(today(), d -> new AtomicLong()).incrementAndGet();
    }

    public long callsOn(LocalDate day) {
        AtomicLong count = callsPerDay.get(day);
        return count == null ? 0 : count.get();
    }

    public long callsToday() {
        return callsOn(today());
    }

    synchronized void reset() {
        used = 0;
        drainedAt = clock.instant();
        callsPerDay.clear();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void drain() {
        Instant now = clock.instant();
        long elapsedMillis = Duration.between(drainedAt, now).toMillis();
        if (elapsedMillis > 0) {
            used = Math.max(0, used - (double) elapsedMillis * capacity / window.toMillis());
            drainedAt = now;
        }
    }
}

package io.jesync.economic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Paces calls so e-conomic's token bucket is never emptied. Every answer (errors and 429s included) reports the
 * bucket in {@code X-RateLimiting}; between answers the governor assumes it drains evenly over the window. Once a
 * call would push the bucket past {@code threshold} of its limit, the caller waits until enough tokens have drained:
 * the fuller the bucket, the longer the wait. Each caller reserves its expected cost, so concurrent callers queue
 * behind each other instead of all seeing the same headroom. Also counts this instance's calls per UTC day against
 * the fair-use budget, for metrics and health.
 */
public final class RateLimitGovernor {
    private final Clock clock;
    private final double threshold;
    private final int dailyCallBudget;

    private RateLimitStatus bucket;
    private Instant bucketSeenAt;
    private int readCost = 1;
    private int writeCost = 1;
    private LocalDate day;
    private long callsToday;

    public RateLimitGovernor(Clock clock, double threshold, int dailyCallBudget) {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1]");
        }
        this.clock = clock;
        this.threshold = threshold;
        this.dailyCallBudget = dailyCallBudget;
    }

    /** Starts slowing down at 80 % of the bucket, as e-conomic's integrators recommend. */
    public static final double STANDARD_THRESHOLD = 0.8;

    public static RateLimitGovernor standard(Clock clock, int dailyCallBudget) {
        return new RateLimitGovernor(clock, STANDARD_THRESHOLD, dailyCallBudget);
    }

    /** Reserves the expected cost of one call and returns how long to wait before sending it. */
    public synchronized Duration reserve(boolean write) {
        if (bucket == null) {
            return Duration.ZERO;
        }
        int cost = write ? writeCost : readCost;
        double used = drainedUse();
        double excess = used + cost - threshold * bucket.limit();
        Duration wait = excess <= 0 ? Duration.ZERO
                : Duration.ofMillis((long) Math.ceil(excess / bucket.refillPerSecond() * 1000));
        // Booked as taken now: the wait lets exactly the excess drain before the call reaches the server.
        bucket = new RateLimitStatus(used + cost, bucket.limit(), bucket.window());
        bucketSeenAt = clock.instant();
        return wait;
    }

    /** Takes in what one answer said about the bucket and the call's cost; counts the call. */
    public synchronized void observe(boolean write, Optional<RateLimitStatus> status, Optional<Integer> callCost) {
        status.ifPresent(s -> {
            bucket = s;
            bucketSeenAt = clock.instant();
        });
        callCost.ifPresent(cost -> {
            if (write) {
                writeCost = cost;
            } else {
                readCost = cost;
            }
        });
        countCall();
    }

    /** Counts a call that reached e-conomic but brought back no answer. */
    public synchronized void countUnanswered() {
        countCall();
    }

    /** The bucket as last reported, drained to now; empty before the first answer. */
    public synchronized Optional<RateLimitStatus> headroom() {
        return bucket == null ? Optional.empty()
                : Optional.of(new RateLimitStatus(drainedUse(), bucket.limit(), bucket.window()));
    }

    public synchronized long callsToday() {
        return today().equals(day) ? callsToday : 0;
    }

    public int dailyCallBudget() {
        return dailyCallBudget;
    }

    private void countCall() {
        LocalDate today = today();
        if (!today.equals(day)) {
            day = today;
            callsToday = 0;
        }
        callsToday++;
    }

    private double drainedUse() {
        double seconds = Math.max(0, Duration.between(bucketSeenAt, clock.instant()).toMillis() / 1000.0);
        return Math.max(0, bucket.used() - seconds * bucket.refillPerSecond());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

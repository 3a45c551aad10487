package io.jesync.backoff;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential back-off, the one the runtime uses wherever it waits before trying again. The ceiling for
 * attempt {@code n} (1 = the wait after the first failure) is {@code min(cap, base * 2^(n-1))}; {@code jitter}
 * decides how much of it is random, so many callers that failed together do not all come back together.
 * A wait the remote system asked for (its {@code Retry-After}) is never cut short.
 */
public record Backoff(Duration base, Duration cap, Jitter jitter) {

    public enum Jitter {
        /** Exactly the ceiling: for polling one's own job, where nobody else competes. */
        NONE,
        /** Half the ceiling fixed, half uniform random: never retries almost at once. */
        EQUAL,
        /** Uniform in [0, ceiling]: the widest spread, for calls inside one request. */
        FULL
    }

    public Backoff {
        if (base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= base <= cap, got " + base + " and " + cap);
        }
    }

    /** The longest wait for {@code attempt}, before jitter. */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 62);
        long base = this.base.toMillis();
        long cap = this.cap.toMillis();
        return Duration.ofMillis(base > (cap >> doublings) ? cap : base << doublings);
    }

    public Duration delay(int attempt, RandomGenerator random) {
        return delay(attempt, Duration.ZERO, random);
    }

    /** @param atLeast what the remote system asked for, or zero */
    public Duration delay(int attempt, Duration atLeast, RandomGenerator random) {
        long ceiling = ceiling(attempt).toMillis();
        long wait = switch (jitter) {
            case NONE -> ceiling;
            case FULL -> (long) (random.nextDouble() * ceiling);
            case EQUAL -> {
                long bound = Math.max(1, ceiling);
                yield bound / 2 + random.nextLong(bound / 2 + 1);
            }
        };
        return Duration.ofMillis(Math.max(wait, atLeast.toMillis()));
    }
}

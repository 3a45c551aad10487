package io.jesync.order;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed order is tried again: capped exponential back-off with equal jitter (half fixed, half random), never sooner than the
 * remote system asked for. Jitter keeps many orders that failed together from retrying together.
 */
public record BackoffSchedule(Duration base, Duration cap, int maxAttempts) {

    public static BackoffSchedule defaults() {
        return new BackoffSchedule(Duration.ofSeconds(10), Duration.ofMinutes(30), 50);
    }

    /**
     * @param attempts  attempts made so far (1 after the first failure)
     * @param atLeast   the wait the remote system asked for (Retry-After), or zero
     */
    public Duration delay(int attempts, Duration atLeast, RandomGenerator random) {
        long ceiling = cap.toMillis();
        long exponential = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long bound = Math.max(1, Math.min(ceiling, exponential));
        long jittered = bound / 2 + random.nextLong(bound / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, atLeast.toMillis()));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}

package io.jesync.order;

import io.jesync.backoff.Backoff;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed item is tried again, and when it is given up: {@link Backoff} with equal jitter (half fixed, half
 * random), never sooner than the remote system asked for, at most {@code maxAttempts} tries.
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
        return new Backoff(base, cap, Backoff.Jitter.EQUAL).delay(attempts, atLeast, random);
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}

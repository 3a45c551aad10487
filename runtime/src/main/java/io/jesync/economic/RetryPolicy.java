package io.jesync.economic;

import io.jesync.backoff.Backoff;
import java.time.Duration;

/**
 * How the client retries inside one call. Waits are "full jitter": uniform in [0, min(cap, base * 2^(attempt-1))],
 * raised to what the server asked for. {@code retryKeyedWrites} lets a write with an {@code Idempotency-Key} be sent
 * again after a lost answer while {@code replayWindow} (kept under e-conomic's one hour) still guarantees a
 * replay instead of a second write. A server-requested wait longer than {@code maxInlineWait} is not waited out
 * in the calling thread; the call fails as unavailable with that wait so the flow can reschedule.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, boolean retryKeyedWrites,
                          Duration replayWindow, Duration maxInlineWait) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (replayWindow.compareTo(Duration.ofHours(1)) >= 0) {
            throw new IllegalArgumentException("replayWindow must stay under e-conomic's one-hour idempotency cache");
        }
    }

    /** 4 attempts, 500 ms base, 30 s cap, keyed writes retried within 50 minutes, at most 2 minutes per wait. */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), true, Duration.ofMinutes(50),
                Duration.ofMinutes(2));
    }

    /** The wait before attempt {@code n + 1}, before a server-requested wait is applied. */
    public Backoff backoff() {
        return new Backoff(base, cap, Backoff.Jitter.FULL);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, base, cap, retryKeyedWrites, replayWindow, maxInlineWait);
    }

    public RetryPolicy withRetryKeyedWrites(boolean retry) {
        return new RetryPolicy(maxAttempts, base, cap, retry, replayWindow, maxInlineWait);
    }
}

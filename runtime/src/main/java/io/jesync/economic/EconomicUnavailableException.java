package io.jesync.economic;

import java.time.Duration;
import java.util.Optional;

/**
 * e-conomic could not be used right now and the request certainly did not take effect (429, a 5xx where nothing
 * was written, connection refused or timed out while connecting), or a read failed. Safe to try again later,
 * no earlier than {@link #retryAfter()} when present.
 */
public final class EconomicUnavailableException extends EconomicException {
    private final Duration retryAfter;
    private final boolean notCalled;

    EconomicUnavailableException(CallTrace trace, String summary, Duration retryAfter, Throwable cause) {
        this(trace, summary, retryAfter, cause, false);
    }

    EconomicUnavailableException(CallTrace trace, String summary, Duration retryAfter, Throwable cause,
                                 boolean notCalled) {
        super(trace, summary, cause);
        this.retryAfter = retryAfter;
        this.notCalled = notCalled;
    }

    /**
     * True when e-conomic was not called at all because it is out (the circuit is open): the caller's item was not
     * tried, so it need not count an attempt, only come back after {@link #retryAfter()}.
     */
    public boolean notCalled() {
        return notCalled;
    }

    /** The wait e-conomic asked for ({@code Retry-After}) or the estimate from {@code X-RateLimiting}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

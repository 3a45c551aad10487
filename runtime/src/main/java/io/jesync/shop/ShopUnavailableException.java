package io.jesync.shop;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The shop could not answer now (throttled, down, no answer, a garbled page): the same call may succeed later.
 * {@link #retryAfter()} carries the platform's own wait when it named one.
 */
public class ShopUnavailableException extends IOException {
    private final int status;
    private final Duration retryAfter;

    public ShopUnavailableException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when no answer arrived at all. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

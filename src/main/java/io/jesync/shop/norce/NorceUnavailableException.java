package io.jesync.shop.norce;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Norce could not answer now (429, 5xx, a broken connection, a garbled page): the same call may succeed later.
 * {@link #retryAfter()} carries the server's Retry-After when it sent one, so the caller can wait that long.
 */
public final class NorceUnavailableException extends IOException {
    private final int status;
    private final Duration retryAfter;

    public NorceUnavailableException(String message, int status, Duration retryAfter, Throwable cause) {
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

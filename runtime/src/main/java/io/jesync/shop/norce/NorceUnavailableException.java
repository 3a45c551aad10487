package io.jesync.shop.norce;

import java.time.Duration;

import io.jesync.shop.ShopUnavailableException;

/**
 * Norce could not answer now (429, 5xx, a broken connection, a garbled page, the token endpoint's own limit): the
 * same call may succeed later, at the earliest after {@link #retryAfter()} when Norce named a wait.
 */
public final class NorceUnavailableException extends ShopUnavailableException {

    public NorceUnavailableException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, status, retryAfter, cause);
    }
}

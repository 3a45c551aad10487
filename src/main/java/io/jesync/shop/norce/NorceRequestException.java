package io.jesync.shop.norce;

import java.io.IOException;

/**
 * Norce refused the request itself (a 4xx other than 401/429, or a write-back answered "Failed"): repeating it
 * unchanged will fail again, so the caller parks the work and shows the message to a person.
 */
public final class NorceRequestException extends IOException {
    private final int status;

    public NorceRequestException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package io.jesync.shop.norce;

import io.jesync.shop.ShopRequestException;

/**
 * Norce refused the request itself (a 4xx other than 401/429, or a write-back answered "Failed"): repeating it
 * unchanged will fail again, so the caller parks the work and shows the message to a person.
 */
public final class NorceRequestException extends ShopRequestException {

    public NorceRequestException(String message, int status) {
        super(message, status);
    }
}

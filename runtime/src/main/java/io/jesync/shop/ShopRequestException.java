package io.jesync.shop;

import java.io.IOException;

/**
 * The shop refused the request itself: repeating it unchanged fails again, so the caller parks the work and shows
 * the message, which names the call and the order, to a person.
 */
public class ShopRequestException extends IOException {
    private final int status;

    public ShopRequestException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

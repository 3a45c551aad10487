package io.jesync.store;

/** A database failure in the state store; the cause keeps the driver's detail. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}

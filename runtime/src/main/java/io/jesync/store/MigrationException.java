package io.jesync.store;

/** Stops start-up: the schema and the scripts in this build disagree. The message is one line. */
public final class MigrationException extends StoreException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

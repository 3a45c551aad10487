package io.jesync.simulator;

/** A failure a simulator can inject into one request instead of, or after, handling it normally. */
public enum Fault {
    /** Answer 500 without touching state. */
    SERVER_ERROR,
    /** Answer 503 without touching state. */
    UNAVAILABLE,
    /** Answer 429 with a {@code Retry-After} header. */
    RATE_LIMITED,
    /** Answer 429 without {@code Retry-After}: the client must estimate the wait itself. */
    RATE_LIMITED_NO_RETRY_AFTER,
    /** Close the connection before reading state or writing anything back. */
    CONNECTION_RESET,
    /** Wait {@link FaultRule#slowMillis()} before answering normally. */
    SLOW,
    /** Handle the request and store the write, then close the connection without answering. */
    LOST_RESPONSE
}

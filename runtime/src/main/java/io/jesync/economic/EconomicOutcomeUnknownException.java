package io.jesync.economic;

/**
 * A write may or may not have taken effect: it was sent, and then the answer was lost (read timeout, connection
 * closed, a 5xx after the request reached the application). The flow must look the document up by
 * {@code references.other} before anything is sent again; re-sending blindly could create a duplicate.
 */
public final class EconomicOutcomeUnknownException extends EconomicException {
    EconomicOutcomeUnknownException(CallTrace trace, String summary, Throwable cause) {
        super(trace, summary, cause);
    }
}

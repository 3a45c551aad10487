package io.jesync.economic;

/**
 * An e-conomic call that did not succeed. The subclass says what the caller may do next; every one carries what
 * support needs to trace the call (method, path, HTTP status, {@code X-RequestId}, {@code logId}) and a summary in
 * plain words. Nothing here ever holds a token: the tokens only exist as request headers.
 */
public abstract sealed class EconomicException extends RuntimeException
        permits EconomicValidationException, EconomicAuthException, EconomicUnavailableException,
        EconomicOutcomeUnknownException {

    private final CallTrace trace;
    private final String summary;

    EconomicException(CallTrace trace, String summary, Throwable cause) {
        super(summary + " " + trace, cause);
        this.trace = trace;
        this.summary = summary;
    }

    public String method() {
        return trace.method();
    }

    public String path() {
        return trace.path();
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return trace.status();
    }

    /** e-conomic's {@code X-RequestId} of the last answer, or null when no answer arrived. */
    public String requestId() {
        return trace.requestId();
    }

    /** The {@code logId} (or {@code traceId}) from the error body, or null. */
    public String logId() {
        return trace.logId();
    }

    public String summary() {
        return summary;
    }
}

package io.jesync.simulator;

/**
 * Rates (0..1) of each fault for the endpoints whose key starts with {@code endpoint}, e.g.
 * {@code "POST /invoices/drafts"}, {@code "POST "} (every POST) or {@code ""} (everything).
 */
public record FaultRule(
        String endpoint,
        double serverError,
        double unavailable,
        double rateLimited,
        double rateLimitedWithoutRetryAfter,
        double connectionReset,
        double slow,
        double lostResponse,
        long slowMillis,
        int retryAfterSeconds) {

    public FaultRule {
        if (endpoint == null) {
            endpoint = "";
        }
        double total = serverError + unavailable + rateLimited + rateLimitedWithoutRetryAfter + connectionReset + slow
                + lostResponse;
        if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates for '" + endpoint + "' add up to " + total + ", more than 1");
        }
        if (slowMillis <= 0) {
            slowMillis = 2_000;
        }
        if (retryAfterSeconds <= 0) {
            retryAfterSeconds = 1;
        }
    }

    public static FaultRule none(String endpoint) {
        return new FaultRule(endpoint, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public FaultRule withServerError(double rate) {
        return new FaultRule(endpoint, rate, unavailable, rateLimited, rateLimitedWithoutRetryAfter, connectionReset, slow,
                lostResponse, slowMillis, retryAfterSeconds);
    }

    public FaultRule withUnavailable(double rate) {
        return new FaultRule(endpoint, serverError, rate, rateLimited, rateLimitedWithoutRetryAfter, connectionReset, slow,
                lostResponse, slowMillis, retryAfterSeconds);
    }

    public FaultRule withRateLimited(double rate, int retryAfterSeconds) {
        return new FaultRule(endpoint, serverError, unavailable, rate, rateLimitedWithoutRetryAfter, connectionReset, slow,
                lostResponse, slowMillis, retryAfterSeconds);
    }

    public FaultRule withConnectionReset(double rate) {
        return new FaultRule(endpoint, serverError, unavailable, rateLimited, rateLimitedWithoutRetryAfter, rate, slow,
                lostResponse, slowMillis, retryAfterSeconds);
    }

    public FaultRule withSlow(double rate, long millis) {
        return new FaultRule(endpoint, serverError, unavailable, rateLimited, rateLimitedWithoutRetryAfter, connectionReset,
                rate, lostResponse, millis, retryAfterSeconds);
    }

    public FaultRule withLostResponse(double rate) {
        return new FaultRule(endpoint, serverError, unavailable, rateLimited, rateLimitedWithoutRetryAfter, connectionReset,
                slow, rate, slowMillis, retryAfterSeconds);
    }

    /** Picks the fault for a uniform draw in [0,1), or null for a normal answer. */
    Fault pick(double draw) {
        double edge = 0;
        double[] rates = {serverError, unavailable, rateLimited, rateLimitedWithoutRetryAfter, connectionReset, slow,
                lostResponse};
        Fault[] faults = {Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.RATE_LIMITED, Fault.RATE_LIMITED_NO_RETRY_AFTER,
                Fault.CONNECTION_RESET, Fault.SLOW, Fault.LOST_RESPONSE};
        for (int i = 0; i < rates.length; i++) {
            edge += rates[i];
            if (draw < edge) {
                return faults[i];
            }
        }
        return null;
    }
}

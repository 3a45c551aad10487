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
        return with(Fault.SERVER_ERROR, rate, slowMillis, retryAfterSeconds);
    }

    public FaultRule withUnavailable(double rate) {
        return with(Fault.UNAVAILABLE, rate, slowMillis, retryAfterSeconds);
    }

    public FaultRule withRateLimited(double rate, int retryAfterSeconds) {
        return with(Fault.RATE_LIMITED, rate, slowMillis, retryAfterSeconds);
    }

    public FaultRule withConnectionReset(double rate) {
        return with(Fault.CONNECTION_RESET, rate, slowMillis, retryAfterSeconds);
    }

    public FaultRule withSlow(double rate, long millis) {
        return with(Fault.SLOW, rate, millis, retryAfterSeconds);
    }

    public FaultRule withLostResponse(double rate) {
        return with(Fault.LOST_RESPONSE, rate, slowMillis, retryAfterSeconds);
    }

    private FaultRule with(Fault fault, double rate, long millis, int retryAfter) {
        double[] rates = rates();
        rates[fault.ordinal()] = rate;
        return new FaultRule(endpoint, rates[0], rates[1], rates[2], rates[3], rates[4], rates[5], rates[6], millis,
                retryAfter);
    }

    /** The rates in the order of {@link Fault}'s constants, which is the order of this record's rate components. */
    private double[] rates() {
        return new double[] {serverError, unavailable, rateLimited, rateLimitedWithoutRetryAfter, connectionReset, slow,
                lostResponse};
    }

    /** Picks the fault for a uniform draw in [0,1), or null for a normal answer. */
    Fault pick(double draw) {
        double edge = 0;
        double[] rates = rates();
        for (Fault fault : Fault.values()) {
            edge += rates[fault.ordinal()];
            if (draw < edge) {
                return fault;
            }
        }
        return null;
    }
}

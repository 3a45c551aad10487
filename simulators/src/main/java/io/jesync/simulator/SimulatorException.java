package io.jesync.simulator;

/** Thrown by a handler to answer at once with the platform's own error response. */
public final class SimulatorException extends RuntimeException {
    private final transient SimResponse response;

    public SimulatorException(SimResponse response) {
        super("simulated error " + response.status(), null, false, false);
        this.response = response;
    }

    public SimResponse response() {
        return response;
    }
}

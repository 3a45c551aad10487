package io.jesync.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness check that a remote system accepts our credentials. The probe's outcome is kept for a while:
 * health is polled often (container health checks, load balancers), and every real probe costs e-conomic
 * budget or one of Norce's three token requests a minute.
 */
public final class RemoteAuthHealthCheck extends AbstractHealthCheck {
    /** The authenticated call; returns a short description of what answered, or throws why it failed. */
    @FunctionalInterface
    public interface Probe {
        String run() throws Exception;
    }

    private record Outcome(Instant at, boolean up, String detail) {
    }

    private final Probe probe;
    private final Duration cacheFor;
    private final Clock clock;
    private Outcome last;

    public RemoteAuthHealthCheck(String id, Probe probe, Duration cacheFor, Clock clock) {
        super("remote", id);
        this.probe = probe;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        // A remote outage must not make an orchestrator restart us; it only means "not ready".
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Outcome outcome = outcome();
        builder.detail("checked.at", outcome.at().toString());
        builder.detail("detail", outcome.detail());
        builder.message(outcome.detail());
        if (outcome.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private synchronized Outcome outcome() {
        Instant now = clock.instant();
        if (last == null || last.at().plus(cacheFor).isBefore(now)) {
            try {
                last = new Outcome(now, true, probe.run());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new Outcome(now, false, "interrupted");
            } catch (Exception e) {
                last = new Outcome(now, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return last;
    }
}

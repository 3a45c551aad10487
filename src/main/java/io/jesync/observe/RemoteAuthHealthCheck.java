package io.jesync.observe;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** Longest a health call waits for a probe. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final Probe probe;
    private final Duration cacheFor;
    private final Clock clock;
    private Outcome last;
    private final ExecutorService prober;
    private Future<Outcome> running;

    public RemoteAuthHealthCheck(String id, Probe probe, Duration cacheFor, Clock clock) {
        super("remote", id);
        this.probe = probe;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.prober = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "health-" + id);
            thread.setDaemon(true);
            return thread;
        });
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

    /**
     * The cached outcome, or a fresh probe awaited for at most {@link #DEADLINE}: a probe can wait on the store (every
     * remote call is metered there), and while the database is gone a health call must still answer within seconds.
     * A probe still running is awaited again by the next call rather than started twice.
     */
    private synchronized Outcome outcome() {
        Instant now = clock.instant();
        if (last != null && !last.at().plus(cacheFor).isBefore(now)) {
            return last;
        }
        if (running == null) {
            running = prober.submit(() -> probe(now));
        }
        try {
            last = running.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            running = null;
            return last;
        } catch (TimeoutException e) {
            return new Outcome(now, false, "no answer within " + DEADLINE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(now, false, "interrupted");
        } catch (ExecutionException e) {
            running = null;
            return new Outcome(now, false, String.valueOf(e.getCause()));
        }
    }

    private Outcome probe(Instant now) {
        try {
            return new Outcome(now, true, probe.run());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(now, false, "interrupted");
        } catch (Exception e) {
            return new Outcome(now, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}

package io.jesync.observe;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;

import io.jesync.cluster.ScheduledRunNotifier;

/**
 * When each scheduled route last ran, finished, succeeded and failed, as this instance saw it. Kept in memory: after a
 * restart a flow shows "not run yet" until its next run, and with several instances each knows the runs it did
 * itself (clustered Quartz gives a run to one of them).
 */
public final class FlowRuns extends ScheduledRunNotifier {
    private final Clock clock;
    private final Instant since;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public FlowRuns(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    /** What is known of one route's runs; fields are null until it happened. */
    public record Run(Instant lastStarted, Instant lastFinished, Instant lastSucceeded, Instant lastFailed,
                      String lastError, boolean running) {
        static final Run NONE = new Run(null, null, null, null, null, false);
    }

    public Run of(String routeId) {
        return runs.getOrDefault(routeId, Run.NONE);
    }

    /** When this instance started watching: the baseline for a flow that never succeeded. */
    public Instant since() {
        return since;
    }

    public void started(String routeId) {
        Instant now = clock.instant();
        runs.compute(routeId, (id, run) -> {
            Run r = run == null ? Run.NONE : run;
            return new Run(now, r.lastFinished, r.lastSucceeded, r.lastFailed, r.lastError, true);
        });
    }

    public void finished(String routeId, Optional<String> error) {
        Instant now = clock.instant();
        runs.compute(routeId, (id, run) -> {
            Run r = run == null ? Run.NONE : run;
            return error.isEmpty() ? new Run(r.lastStarted, now, now, r.lastFailed, r.lastError, false)
                    : new Run(r.lastStarted, now, r.lastSucceeded, now, error.get(), false);
        });
    }

    @Override
    protected void runStarted(Exchange exchange, String routeId) {
        started(routeId);
    }

    @Override
    protected void runEnded(Exchange exchange, String routeId) {
        // An outage is handled quietly (io.jesync.observe.OutageRoutes) but is still a failed run.
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean succeeded = failure == null && !exchange.isFailed();
        finished(routeId, succeeded ? Optional.empty() : Optional.of(failure == null ? "failed" : cause(failure)));
        Connections connections = exchange.getContext().getRegistry().lookupByNameAndType("connections",
                Connections.class);
        if (succeeded && connections != null) {
            connections.flowReached(routeId);
        }
    }

    /**
     * The innermost of the runtime's own messages: "Norce login for shop se fails: host … not found – check
     * shop.se.base-url" rather than the chain of wrappers around it, or the class name of a JDK exception.
     */
    static String cause(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.jesync.") && t.getMessage() != null) {
                found = t.getMessage();
            }
        }
        return found != null ? found : failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}

package io.jesync.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness check that a remote system accepts our credentials. The probe's outcome is kept for a while:
 * health is polled often (container health checks, load balancers), and every real probe costs e-conomic
 * budget or one of Norce's three token requests a minute. It is also the console's view of the connection
 * ({@link Connections}): an outage is logged once when it starts and once when it ends, with the cause and the fix.
 */
public final class RemoteAuthHealthCheck extends ReadinessCheck {
    /** The authenticated call; returns a short description of what answered, or throws why it failed. */
    @FunctionalInterface
    public interface Probe {
        String run() throws Exception;
    }

    /** The connection's state: {@code since} is when it went up or down, {@code detail} the cause or the answer. */
    public record Outcome(Instant at, boolean up, String detail, Instant since) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RemoteAuthHealthCheck.class);
    /** A connection that is down is probed again this soon, so its recovery shows without a minute's delay. */
    static final Duration RECHECK_WHEN_DOWN = Duration.ofSeconds(10);
    /** Longest a health call waits for a probe. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final String label;
    private final Probe probe;
    private final boolean probeReaches;
    private final Duration cacheFor;
    private final Clock clock;
    private Instant probedAt;
    private boolean probeUp;
    private String probeDetail;
    /** What a flow met (e.g. the shop's API answering 503), until a flow or a reaching probe gets through again. */
    private String reported;
    private Outcome last;
    private final DeadlineProbe<String> prober;

    /**
     * @param label        the connection in the console's words: "e-conomic", "shop se"
     * @param probeReaches whether a successful probe proves the flows get through (e-conomic's {@code /self}); the
     *                     shop's probe only checks the cached token, so there only the flows' own calls clear an
     *                     outage they reported
     */
    public RemoteAuthHealthCheck(String id, String label, Probe probe, boolean probeReaches, Duration cacheFor,
                                 Clock clock) {
        super("remote", id);
        this.label = label;
        this.probe = probe;
        this.probeReaches = probeReaches;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.prober = new DeadlineProbe<>("health-" + id, DEADLINE);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Outcome outcome = outcome();
        builder.detail("checked.at", outcome.at().toString());
        builder.detail("detail", outcome.detail());
        report(builder, outcome.up(), outcome.detail());
    }

    public String label() {
        return label;
    }

    /** The connection's state; probed again only when the last probe is older than the cache time. */
    public synchronized Outcome outcome() {
        Instant now = clock.instant();
        if (probedAt == null || probedAt.plus(last != null && !last.up() ? RECHECK_WHEN_DOWN : cacheFor)
                .isBefore(now)) {
            // Awaited for at most DEADLINE: a probe can wait on the store (every remote call is metered there), and
            // while the database is gone a health call must still answer within seconds.
            DeadlineProbe.Answer<String> answer = prober.await(probe::run);
            probeUp = answer.answered();
            probeDetail = probeUp ? answer.value() : answer.failure();
            if (probeUp && probeReaches) {
                reported = null;
            }
            probedAt = now;
        }
        return settle(now);
    }

    /** A flow could not reach the system: the connection is down with this cause until someone gets through. */
    public synchronized void reportDown(String cause) {
        reported = cause;
        outcome();
    }

    /** A flow got through: an outage the flows reported is over (the probe still speaks for itself). */
    public synchronized void reportUp() {
        if (reported != null) {
            reported = null;
            settle(clock.instant());
        }
    }

    private Outcome settle(Instant now) {
        boolean up = probeUp && reported == null;
        String detail = !probeUp ? probeDetail : reported != null ? reported : probeDetail;
        boolean changed = last == null ? !up : last.up() != up;
        if (changed && !up) {
            LOG.warn("Connection to {} is down: {}. Logged again when it is back.", label, detail);
        } else if (changed) {
            LOG.info("Connection to {} is back after {} s down.", label,
                    Duration.between(last.since(), now).toSeconds());
        }
        last = new Outcome(probedAt, up, detail, changed || last == null ? now : last.since());
        return last;
    }
}

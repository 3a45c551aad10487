package io.jesync.backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a remote system's outage from costing a call per waiting item: after {@code openAfter} failed calls in a row
 * the circuit opens and every caller is refused without a call for a {@link Backoff} delay that grows with each
 * failed probe up to its cap. When the delay has passed, one call (the probe) goes through while the others are
 * still refused; an answer closes the circuit, a failure opens it again for longer. So an outage costs at most one
 * call per back-off cap however many items, flows and health checks wait, and its end is seen within one cap.
 */
public final class Circuit {
    private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);

    /** Why a call was not made, and how long its caller should wait before asking again. */
    public record Refusal(Duration retryIn, Instant openSince, int failures, String lastFailure) {
    }

    private final String label;
    private final int openAfter;
    private final Backoff backoff;
    private final Clock clock;
    private final RandomGenerator random;

    private int failures;
    private int openings;
    private Instant openSince;
    private Instant openUntil;
    private boolean probing;
    private long refused;
    private String lastFailure;

    /**
     * @param label     the remote system in log lines
     * @param openAfter failed calls in a row that open the circuit; above one call's own retries, so a passing
     *                  failure that the next attempt gets past never opens it
     */
    public Circuit(String label, int openAfter, Backoff backoff, Clock clock, RandomGenerator random) {
        if (openAfter < 1) {
            throw new IllegalArgumentException("openAfter must be at least 1");
        }
        this.label = label;
        this.openAfter = openAfter;
        this.backoff = backoff;
        this.clock = clock;
        this.random = random;
    }

    /** Empty when the call may go (the circuit is closed, or this call is the probe); otherwise why not. */
    public synchronized Optional<Refusal> admit() {
        if (openUntil == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return refuse(Duration.between(now, openUntil));
        }
        if (probing) {
            // The probe's answer decides; asking again after the shortest delay finds it out.
            return refuse(backoff.base());
        }
        probing = true;
        return Optional.empty();
    }

    /** The remote system answered (whatever the status): it is reachable. */
    public synchronized void succeeded() {
        if (openUntil != null) {
            LOG.info("{} answers again after {} s; {} call(s) were held back meanwhile", label,
                    Duration.between(openSince, clock.instant()).toSeconds(), refused);
        }
        failures = 0;
        openings = 0;
        openSince = null;
        openUntil = null;
        probing = false;
        refused = 0;
        lastFailure = null;
    }

    /**
     * A call got no usable answer (no connection, no answer in time, the system reporting itself unavailable).
     *
     * @param atLeast what the remote system asked for (Retry-After), or zero
     */
    public synchronized void failed(String why, Duration atLeast) {
        failures++;
        lastFailure = why;
        boolean probeFailed = probing;
        if (probeFailed || openUntil == null && failures >= openAfter) {
            Instant now = clock.instant();
            if (openSince == null) {
                openSince = now;
                LOG.warn("{} failed {} time(s) in a row ({}); calls are held back, one tried per back-off interval "
                        + "(at most every {} s)", label, failures, why, backoff.cap().toSeconds());
            }
            openings++;
            Duration delay = backoff.delay(openings, atLeast, random);
            openUntil = now.plus(delay);
            probing = false;
        }
    }

    /** A call that was let through ended without a verdict (interrupted): the next caller may probe instead. */
    public synchronized void abandoned() {
        probing = false;
    }

    public synchronized boolean open() {
        return openUntil != null;
    }

    private Optional<Refusal> refuse(Duration wait) {
        refused++;
        return Optional.of(new Refusal(wait, openSince, failures, lastFailure));
    }
}

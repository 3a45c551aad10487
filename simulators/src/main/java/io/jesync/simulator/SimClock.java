package io.jesync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall-clock time that tests and the control API can move forward, so expiry windows (tokens, idempotency
 * replay, rate buckets, daily budgets) are tested without waiting for them.
 */
public final class SimClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();

    public SimClock() {
        this(Clock.systemUTC());
    }

    public SimClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration duration) {
        offsetMillis.addAndGet(duration.toMillis());
    }

    /** Moves the clock to {@code target} unless it is already past it: waits running side by side overlap. */
    public void advanceTo(Instant target) {
        offsetMillis.accumulateAndGet(target.toEpochMilli() - base.millis(), Math::max);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view in {@code zone} that follows this clock, advances included, so local dates come out right. */
    @Override
    public Clock withZone(ZoneId zone) {
        SimClock simulated = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return simulated.withZone(other);
            }

            @Override
            public Instant instant() {
                return simulated.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }
}

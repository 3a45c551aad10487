package io.jesync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's time: the database's clock as last read, carried forward between reads by this JVM's monotonic
 * clock. Instances sharing a store compare the times they write (a lease's end, a retry's time, a heartbeat, a run's
 * start): taken from each host's wall clock, an instance whose clock runs minutes behind would write leases that the
 * others see as run out while it still works, and one minutes ahead would keep a dead instance's claims minutes past
 * their lease. On one time base those decisions hold whatever the hosts' clocks say, and a step of this host's clock
 * between two reads (NTP, a resumed VM) moves nothing, because the monotonic clock does not step.
 *
 * <p>The host's clock only measures how far it is off the database's, which is logged: Quartz's clustered check-in
 * compares host clocks and needs them within a second (docs/operations.md).
 */
public final class DatabaseClock extends Clock {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClock.class);
    /** Further off than this, Quartz's cluster misjudges check-ins: worth a warning. */
    public static final Duration TOLERATED_SKEW = Duration.ofSeconds(1);
    /**
     * A new reading that is behind the time already handed out by less than this is measurement noise (half a round
     * trip): the clock holds until it catches up rather than running backwards. A larger step back is the database's
     * own clock being set back, and is followed.
     */
    static final Duration HOLD = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Clock host;
    private final LongSupplier ticker;
    private volatile Anchor anchor;
    private volatile Duration skew = Duration.ZERO;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

    /** The database's time {@code at} a reading of the monotonic ticker (nanoseconds). */
    private record Anchor(Instant at, long tick) {
    }

    /**
     * A clock on {@code dataSource}'s time, with {@code host} the wall clock whose distance is measured and
     * {@code ticker} a monotonic nanosecond counter ({@code System::nanoTime}). Until the first {@link #sync} it
     * follows the host's clock.
     */
    public DatabaseClock(DataSource dataSource, Clock host, LongSupplier ticker) {
        this.dataSource = dataSource;
        this.host = host;
        this.ticker = ticker;
        this.anchor = new Anchor(host.instant(), ticker.getAsLong());
    }

    /** A clock on the store's time, read once now; a store that does not answer leaves it on the host's clock. */
    public static DatabaseClock of(Database database) {
        DatabaseClock clock = new DatabaseClock(database.dataSource(), Clock.systemUTC(), System::nanoTime);
        try {
            clock.sync();
        } catch (SQLException e) {
            LOG.warn("The store's clock could not be read ({}); this instance goes by its own clock until it can",
                    e.getMessage());
        }
        return clock;
    }

    /**
     * Reads the database's clock and goes by it from now on. @return how far the host's clock is ahead of the
     * database's (negative: behind)
     */
    public Duration sync() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT CURRENT_TIMESTAMP")) {
            long before = ticker.getAsLong();
            Instant hostBefore = host.instant();
            Instant database;
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                database = rs.getObject(1, OffsetDateTime.class).toInstant();
            }
            long halfTrip = (ticker.getAsLong() - before) / 2;
            anchor = new Anchor(database, before + halfTrip);
            Duration measured = Duration.between(database, hostBefore.plusNanos(halfTrip));
            boolean wasOff = skew.abs().compareTo(TOLERATED_SKEW) > 0;
            boolean isOff = measured.abs().compareTo(TOLERATED_SKEW) > 0;
            if (isOff && !wasOff) {
                LOG.warn("This host's clock is {} ms {} the database's: leases and heartbeats go by the database's"
                        + " clock, but a Quartz cluster needs the clocks within a second; check NTP on this host",
                        measured.abs().toMillis(), measured.isNegative() ? "behind" : "ahead of");
            } else if (wasOff && !isOff) {
                LOG.info("This host's clock is within {} ms of the database's again", measured.abs().toMillis());
            }
            skew = measured;
            return measured;
        }
    }

    /** How far the host's clock was ahead of the database's at the last reading (negative: behind). */
    public Duration skew() {
        return skew;
    }

    @Override
    public Instant instant() {
        Anchor at = anchor;
        Instant estimate = at.at().plusNanos(ticker.getAsLong() - at.tick());
        while (true) {
            Instant previous = last.get();
            if (estimate.isBefore(previous) && estimate.isAfter(previous.minus(HOLD))) {
                return previous;
            }
            if (last.compareAndSet(previous, estimate)) {
                return estimate;
            }
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : new Zoned(this, zone);
    }

    /** This clock's time, with local dates and times in another zone. */
    private static final class Zoned extends Clock {
        private final DatabaseClock time;
        private final ZoneId zone;

        Zoned(DatabaseClock time, ZoneId zone) {
            this.time = time;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            return time.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return time.withZone(other);
        }
    }
}

package io.jesync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * The runtime's clock follows the database's, whatever the host's clock does between two readings, and a reading
 * does not turn time back by the noise of a measurement.
 */
class DatabaseClockTest {
    @TempDir
    Path tempDir;

    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);

    @Test
    void it_goes_by_the_database_and_the_monotonic_clock_not_by_a_host_clock_that_is_off_and_steps() throws Exception {
        try (Database db = TestDatabases.fresh(Kind.H2, tempDir)) {
            MutableClock host = new MutableClock(Instant.now().plus(Duration.ofMinutes(10)));
            DatabaseClock clock = new DatabaseClock(db.dataSource(), host, ticker::get);
            Duration skew = clock.sync();
            Instant synced = clock.instant();

            assertThat(skew).as("host ahead of the database").isBetween(Duration.ofMinutes(10).minusSeconds(2),
                    Duration.ofMinutes(10).plusSeconds(2));
            assertThat(synced).as("the database's time, not the host's").isBetween(Instant.now().minusSeconds(2),
                    Instant.now().plusSeconds(2));

            host.advance(Duration.ofHours(1));
            ticker.addAndGet(Duration.ofSeconds(5).toNanos());
            assertThat(clock.instant()).as("5 s of the monotonic clock later; the host's step is ignored")
                    .isEqualTo(synced.plusSeconds(5));
        }
    }

    @Test
    void a_reading_slightly_behind_holds_the_time_but_a_real_step_back_of_the_database_is_followed() throws Exception {
        try (Database db = TestDatabases.fresh(Kind.H2, tempDir)) {
            DatabaseClock clock = new DatabaseClock(db.dataSource(), new MutableClock(Instant.now()), ticker::get);
            clock.sync();
            ticker.addAndGet(Duration.ofMillis(500).toNanos());
            Instant ahead = clock.instant();
            clock.sync();
            assertThat(clock.instant()).as("half a second of noise: held, not run backwards").isEqualTo(ahead);

            ticker.addAndGet(Duration.ofSeconds(3).toNanos());
            Instant farAhead = clock.instant();
            clock.sync();
            assertThat(clock.instant()).as("three seconds behind is the database's clock itself: followed")
                    .isBefore(farAhead.minus(DatabaseClock.HOLD));
        }
    }
}

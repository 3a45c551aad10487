package io.jesync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.order.Claim;
import io.jesync.order.LedgerChanges;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderState;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * Two processes with one instance id: the second refuses to start while the first beats, so it never frees the
 * first one's live claims; a life that died is taken over; and a live life's claims outlast their lease while it
 * beats, so a long send is not taken over mid-way.
 */
@Tag("harness")
class StoreInstancePresenceTest extends MigratedStoreTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_second_process_with_the_same_id_refuses_to_start_while_the_first_beats_and_its_claims_stay(Kind kind)
            throws Exception {
        Database db = openMigrated(kind);
        OrderLedger ledger = new OrderLedger(db, clock);
        InstancePresence first = new InstancePresence(db, clock, "host-1", "host-1#a");
        first.enter(3, () -> {
            throw new AssertionError("nobody to watch");
        });
        ledger.claim("se", "1001", "1", "host-1#a", LEASE).orElseThrow();
        InstancePresence second = new InstancePresence(db, clock, "host-1", "host-1#b");

        assertThatThrownBy(() -> second.enter(3, first::beat))
                .isInstanceOf(InstancePresence.InUseException.class)
                .hasMessageContaining("Another process is running with app.instance-id 'host-1'");

        assertThat(ledger.find("se", "1001").orElseThrow().row().claimedBy()).isEqualTo("host-1#a");
        assertThat(first.beat()).as("the first keeps its id").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_process_that_died_without_a_goodbye_is_taken_over_once_its_beat_stands_still(Kind kind) throws Exception {
        Database db = openMigrated(kind);
        InstancePresence dead = new InstancePresence(db, clock, "host-1", "host-1#a");
        dead.enter(3, () -> { });
        int[] looks = {0};

        new InstancePresence(db, clock, "host-1", "host-1#b").enter(3, () -> looks[0]++);

        assertThat(looks[0]).isEqualTo(3);
        assertThat(dead.beat()).as("a stalled life learns it lost its id").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void after_a_clean_stop_the_next_start_does_not_wait(Kind kind) throws Exception {
        Database db = openMigrated(kind);
        InstancePresence stopped = new InstancePresence(db, clock, "host-1", "host-1#a");
        stopped.enter(3, () -> { });
        stopped.leave();

        new InstancePresence(db, clock, "host-1", "host-1#b").enter(3, () -> {
            throw new AssertionError("nothing to wait for");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_beating_life_keeps_its_claims_past_their_lease_and_loses_them_when_it_stops(Kind kind) throws Exception {
        Database db = openMigrated(kind);
        OrderLedger ledger = new OrderLedger(db, clock);
        InstancePresence life = new InstancePresence(db, clock, "host-1", "host-1#a");
        life.enter(3, () -> { });
        Claim held = ledger.claim("se", "1001", "1", "host-1#a", LEASE).orElseThrow();

        for (int minute = 0; minute < 8; minute++) {
            clock.advance(Duration.ofMinutes(1));
            life.beat();
        }
        assertThat(ledger.claim("se", "1001", "1", "other#x", LEASE)).as("8 minutes into a 5-minute lease").isEmpty();
        assertThat(ledger.transition("se", "1001", held.entry().row().version(), OrderState.NEW, OrderState.SENDING,
                LedgerChanges.none())).as("the worker's version still holds").isPresent();

        clock.advance(InstancePresence.RENEWAL);
        assertThat(ledger.claim("se", "1001", "1", "other#x", LEASE)).as("no beat, the lease runs out").isPresent();
    }
}

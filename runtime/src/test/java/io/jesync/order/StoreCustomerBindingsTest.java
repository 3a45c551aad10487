package io.jesync.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.order.CustomerBindings.Reservation;
import io.jesync.store.Database;
import io.jesync.store.MigratedStoreTest;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;

@Tag("harness")
class StoreCustomerBindingsTest extends MigratedStoreTest {
    private static final Duration LEASE = Duration.ofMinutes(2);


    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private CustomerBindings bindings;

    private void open(Kind kind) {
        Database db = openMigrated(kind);
        bindings = new CustomerBindings(db, clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void only_one_of_many_concurrent_workers_may_create_the_customer(Kind kind) throws Exception {
        open(kind);
        int workers = 16;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Reservation>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String owner = "worker-" + i;
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return bindings.reserve("se", "C-1001", owner, LEASE);
                }));
            }
            int reserved = 0;
            int heldElsewhere = 0;
            for (Future<Reservation> result : results) {
                Reservation reservation = result.get(60, TimeUnit.SECONDS);
                if (reservation instanceof Reservation.Reserved) {
                    reserved++;
                } else if (reservation instanceof Reservation.HeldElsewhere) {
                    heldElsewhere++;
                }
            }
            assertThat(reserved).isEqualTo(1);
            assertThat(heldElsewhere).isEqualTo(workers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_bound_customer_is_returned_without_any_reservation(Kind kind) {
        open(kind);
        assertThat(bindings.reserve("se", "C-1001", "a", LEASE)).isInstanceOf(Reservation.Reserved.class);
        bindings.bind("se", "C-1001", "a", 1042L);

        assertThat(bindings.find("se", "C-1001")).contains(1042L);
        assertThat(bindings.reserve("se", "C-1001", "b", LEASE)).isEqualTo(new Reservation.Bound(1042L));
        assertThat(bindings.find("no", "C-1001")).as("bindings are per shop").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_abandoned_reservation_is_taken_over_after_its_lease(Kind kind) {
        open(kind);
        bindings.reserve("se", "C-1001", "crashed", LEASE);

        assertThat(bindings.reserve("se", "C-1001", "b", LEASE)).isInstanceOf(Reservation.HeldElsewhere.class);
        clock.advance(LEASE);

        assertThat(bindings.reserve("se", "C-1001", "b", LEASE)).isInstanceOf(Reservation.Reserved.class);
        bindings.bind("se", "C-1001", "b", 7L);
        assertThat(bindings.find("se", "C-1001")).contains(7L);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_released_reservation_can_be_taken_at_once(Kind kind) {
        open(kind);
        bindings.reserve("se", "C-1001", "a", LEASE);
        bindings.release("se", "C-1001", "a");

        assertThat(bindings.reserve("se", "C-1001", "b", LEASE)).isInstanceOf(Reservation.Reserved.class);
        assertThat(bindings.find("se", "C-1001")).isEmpty();
    }
}

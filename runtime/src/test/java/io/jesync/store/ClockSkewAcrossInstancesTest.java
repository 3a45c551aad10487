package io.jesync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.order.Claim;
import io.jesync.order.LedgerChanges;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderState;
import io.jesync.testsupport.TestDatabases.Kind;

/**
 * R17 across instances: three instances on one store, one host's clock right, one ten minutes ahead and one ten
 * minutes behind, each going by the store's clock as the runtime does ({@link DatabaseClock}). Checked: no live lease
 * is taken (while the same skew read from the host clocks takes one at once), a dead holder's claim is taken over when
 * its lease runs out whichever way its host's clock was off, and orders worked by all three at once are each sent
 * once.
 */
@Tag("harness")
class ClockSkewAcrossInstancesTest extends MigratedStoreTest {
    private static final String SHOP = "se";
    private static final Duration SKEW = Duration.ofMinutes(10);
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** Short enough to wait for: a dead holder's claim must move when it ends, not ten minutes later. */
    private static final Duration SHORT_LEASE = Duration.ofSeconds(2);
    /** How far the store-clock estimates of two instances may differ: half a round trip each, and the stamp's rounding. */
    private static final Duration ESTIMATE = Duration.ofMillis(250);

    private static final Clock RIGHT = Clock.systemUTC();
    private static final Clock AHEAD = Clock.offset(RIGHT, SKEW);
    private static final Clock BEHIND = Clock.offset(RIGHT, SKEW.negated());

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_host_clock_ten_minutes_off_takes_no_live_lease_though_read_directly_it_would(Kind kind) throws Exception {
        Database db = openMigrated(kind);
        DatabaseClock right = synced(db, RIGHT);
        DatabaseClock ahead = synced(db, AHEAD);
        DatabaseClock behind = synced(db, BEHIND);
        assertThat(ahead.skew()).as("measured skew of the host ahead").isBetween(SKEW.minusSeconds(1),
                SKEW.plusSeconds(1));
        assertThat(behind.skew()).as("measured skew of the host behind").isBetween(SKEW.negated().minusSeconds(1),
                SKEW.negated().plusSeconds(1));

        new OrderLedger(db, behind).claim(SHOP, "1001", "1", "host-b#1", LEASE).orElseThrow();
        new OrderLedger(db, right).claim(SHOP, "1002", "1", "host-a#1", LEASE).orElseThrow();
        new OrderLedger(db, ahead).claim(SHOP, "1003", "1", "host-c#1", LEASE).orElseThrow();
        InstancePresence behindLife = new InstancePresence(db, behind, "host-b", "host-b#1");
        behindLife.enter(1, () -> { });
        assertThat(behindLife.beat()).as("the behind host's heartbeat renews its claims").isTrue();

        assertThat(new OrderLedger(db, right).claim(SHOP, "1001", "1", "host-a#1", LEASE))
                .as("the behind host's live lease, claimed by the right one").isEmpty();
        assertThat(new OrderLedger(db, ahead).claim(SHOP, "1001", "1", "host-c#1", LEASE))
                .as("the behind host's live lease, claimed by the one ahead").isEmpty();
        assertThat(new OrderLedger(db, ahead).claim(SHOP, "1002", "1", "host-c#1", LEASE))
                .as("the right host's live lease, claimed by the one ahead").isEmpty();
        assertThat(new OrderLedger(db, behind).claim(SHOP, "1003", "1", "host-b#1", LEASE))
                .as("the ahead host's live lease, claimed by the one behind").isEmpty();

        new OrderLedger(db, BEHIND).claim(SHOP, "2001", "1", "host-b#1", LEASE).orElseThrow();
        assertThat(new OrderLedger(db, AHEAD).claim(SHOP, "2001", "1", "host-c#1", LEASE))
                .as("the hazard: with the host clocks read directly, the live lease of the one behind is taken")
                .isPresent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_dead_holders_claim_is_taken_over_when_its_lease_ends_whichever_way_its_clock_was_off(Kind kind)
            throws Exception {
        Database db = openMigrated(kind);
        OrderLedger survivor = new OrderLedger(db, synced(db, RIGHT));
        Map<String, Clock> holders = Map.of("2101", AHEAD, "2102", BEHIND);
        for (Map.Entry<String, Clock> holder : holders.entrySet()) {
            String orderNo = holder.getKey();
            new OrderLedger(db, synced(db, holder.getValue())).claim(SHOP, orderNo, "1", "dead#1", SHORT_LEASE)
                    .orElseThrow();
            long claimedAt = System.nanoTime();
            AtomicLong takenAt = new AtomicLong();
            Awaitility.await().atMost(SHORT_LEASE.plusSeconds(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
                Optional<Claim> taken = survivor.claim(SHOP, orderNo, "1", "alive#1", LEASE);
                taken.ifPresent(claim -> takenAt.set(System.nanoTime()));
                return taken.isPresent();
            });
            Duration after = Duration.ofNanos(takenAt.get() - claimedAt);
            System.out.printf("clock skew (%s): claim of a holder %s taken over %d ms after it was made (lease %d ms)%n",
                    kind, holder.getValue() == AHEAD ? "ten minutes ahead" : "ten minutes behind", after.toMillis(),
                    SHORT_LEASE.toMillis());
            assertThat(after).as("taken over after the lease of the holder %s", holder.getValue())
                    .isBetween(SHORT_LEASE.minus(ESTIMATE), SHORT_LEASE.plus(Duration.ofSeconds(1)));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void orders_worked_at_once_by_three_instances_with_skewed_clocks_are_each_sent_once(Kind kind) throws Exception {
        Database db = openMigrated(kind);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            orders.add(Integer.toString(3000 + i));
        }
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        List<Clock> hosts = List.of(RIGHT, AHEAD, BEHIND);
        ExecutorService workers = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < hosts.size(); w++) {
                OrderLedger ledger = new OrderLedger(db, synced(db, hosts.get(w)));
                String owner = "host-" + w + "#1";
                List<String> mine = new ArrayList<>(orders);
                Collections.shuffle(mine, new Random(41 + w));
                done.add(workers.submit(() -> work(ledger, owner, mine, sends, taken)));
            }
            int sent = 0;
            for (Future<Integer> worker : done) {
                sent += worker.get(120, TimeUnit.SECONDS);
            }
            System.out.printf("clock skew (%s): %d orders, %d sends by three instances%n", kind, orders.size(), sent);
            assertThat(taken).as("claims taken from a holder before it finished").isEmpty();
            assertThat(sent).as("sends").isEqualTo(orders.size());
            assertThat(sends).hasSize(orders.size()).allSatisfy((orderNo, count) ->
                    assertThat(count.get()).as("sends of order %s", orderNo).isEqualTo(1));
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Claims each order it can, "sends" it while holding the lease, and finishes it, as a transfer does; a finish
     * refused because the row moved on means another instance took the claim while this one held it.
     */
    private static int work(OrderLedger ledger, String owner, List<String> orders, Map<String, AtomicInteger> sends,
                            List<String> taken) {
        int sent = 0;
        for (String orderNo : orders) {
            Optional<Claim> claim = ledger.claim(SHOP, orderNo, "1", owner, LEASE);
            if (claim.isEmpty()) {
                continue;
            }
            sends.computeIfAbsent(orderNo, n -> new AtomicInteger()).incrementAndGet();
            sent++;
            if (ledger.transition(SHOP, orderNo, claim.get().version(), claim.get().state(), OrderState.ACKNOWLEDGED,
                    LedgerChanges.none()).isEmpty()) {
                taken.add(orderNo + " from " + owner);
            }
        }
        return sent;
    }

    private static DatabaseClock synced(Database db, Clock host) throws Exception {
        DatabaseClock clock = new DatabaseClock(db.dataSource(), host, System::nanoTime);
        clock.sync();
        return clock;
    }
}

package io.jesync.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.jesync.store.MigratedStoreTest;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;

@Tag("harness")
class StoreReversalLedgerTest extends MigratedStoreTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String SHOP = "se";
    private static final int CALLERS = 16;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00.123456Z"));
    private ReversalLedger ledger;

    private void open(Kind kind) {
        ledger = new ReversalLedger(openMigrated(kind), clock);
    }

    private Optional<ReversalEntry> insert(String orderNo, int seq) {
        return ledger.insert(SHOP, orderNo, seq, ReversalKind.REFUND, "[{\"lineNumber\":1,\"quantity\":1}]",
                SHOP + ":" + orderNo + ":reversal-" + seq, "jetshop:se:" + orderNo + "/credit-" + seq);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_inserted_reversal_is_new_unclaimed_and_due_at_once(Kind kind) {
        open(kind);
        ReversalEntry entry = insert("1001", 1).orElseThrow();

        assertThat(entry.state()).isEqualTo(ReversalState.NEW);
        assertThat(entry.row().claimedBy()).isNull();
        assertThat(entry.referencesOther()).isEqualTo("jetshop:se:1001/credit-1");
        assertThat(ledger.due(SHOP, 10)).extracting(ReversalEntry::seq).containsExactly(1);
        assertThat(insert("1001", 1)).as("the same seq again").isEmpty();
        assertThat(insert("1001", 2)).isPresent();
        assertThat(ledger.forOrder(SHOP, "1001")).extracting(ReversalEntry::seq).containsExactly(1, 2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sixteen_instances_detecting_the_same_change_insert_it_once(Kind kind) throws Exception {
        open(kind);
        List<ReversalEntry> winners = race(() -> insert("2002", 1));

        assertThat(winners).hasSize(1);
        assertThat(ledger.forOrder(SHOP, "2002")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_resumes_its_dead_predecessors_send_at_once_and_in_doubt(Kind kind) {
        open(kind);
        insert("3004", 1);
        insert("3005", 1);
        assertThat(ledger.inState(null, ReversalState.NEW, 10)).hasSize(2);
        assertThat(ledger.inState("other-shop", ReversalState.NEW, 10)).isEmpty();
        ReversalEntry mine = ledger.claim(SHOP, "3004", 1, "host-a#1", LEASE).orElseThrow();
        ledger.transition(mine, ReversalState.SENDING, ReversalChanges.none().action("credit-note").countAttempt())
                .orElseThrow();
        ledger.claim(SHOP, "3005", 1, "host-b#1", LEASE).orElseThrow();

        assertThat(ledger.expireClaimsOfEarlierLives("host-a", "host-a#2")).isEqualTo(1);

        assertThat(ledger.claim(SHOP, "3004", 1, "host-a#2", LEASE)).get().extracting(ReversalEntry::state)
                .isEqualTo(ReversalState.IN_DOUBT);
        assertThat(ledger.claim(SHOP, "3005", 1, "host-a#2", LEASE)).as("another instance's claim stands").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void one_claim_at_a_time_and_a_crashed_send_is_handed_over_in_doubt(Kind kind) throws Exception {
        open(kind);
        insert("3003", 1);
        List<ReversalEntry> claims = race(() -> ledger.claim(SHOP, "3003", 1, "worker-" + Thread.currentThread()
                .getId(), LEASE));
        assertThat(claims).hasSize(1);
        ReversalEntry sending = ledger.transition(claims.get(0), ReversalState.SENDING, ReversalChanges.none()
                .action("credit-note").countAttempt()).orElseThrow();
        assertThat(ledger.claim(SHOP, "3003", 1, "other", LEASE)).as("lease still held").isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        ReversalEntry taken = ledger.claim(SHOP, "3003", 1, "other", LEASE).orElseThrow();

        assertThat(taken.state()).isEqualTo(ReversalState.IN_DOUBT);
        assertThat(taken.action()).isEqualTo("credit-note");
        assertThat(taken.row().attempts()).isEqualTo(1);
        assertThat(ledger.transition(sending, ReversalState.CREATED, ReversalChanges.none()))
                .as("the old holder's version is stale").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void done_and_parked_reversals_are_never_due_and_failed_ones_when_their_retry_is(Kind kind) {
        open(kind);
        insert("4004", 1);
        ReversalEntry done = ledger.claim(SHOP, "4004", 1, "w", LEASE).orElseThrow();
        ledger.transition(done, ReversalState.DONE, ReversalChanges.none().economicBookedNumber(17L).releaseClaim());
        insert("4005", 1);
        ReversalEntry parked = ledger.claim(SHOP, "4005", 1, "w", LEASE).orElseThrow();
        ledger.transition(parked, ReversalState.PARKED, ReversalChanges.none().reason("needs a person").releaseClaim());
        insert("4006", 1);
        ReversalEntry failed = ledger.claim(SHOP, "4006", 1, "w", LEASE).orElseThrow();
        ledger.transition(failed, ReversalState.FAILED, ReversalChanges.none().reason("503")
                .nextAttemptAt(clock.instant().plusSeconds(30)).releaseClaim());

        assertThat(ledger.due(SHOP, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(ledger.due(SHOP, 10)).extracting(ReversalEntry::orderNo).containsExactly("4006");
        assertThat(ledger.forOrder(SHOP, "4004").get(0).economicBookedNumber()).isEqualTo(17L);
        assertThat(ledger.forOrder(SHOP, "4005").get(0).row().reason()).isEqualTo("needs a person");
    }

    private List<ReversalEntry> race(java.util.concurrent.Callable<Optional<ReversalEntry>> attempt)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<Future<Optional<ReversalEntry>>> attempts = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                attempts.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return attempt.call();
                }));
            }
            List<ReversalEntry> winners = new ArrayList<>();
            for (Future<Optional<ReversalEntry>> result : attempts) {
                result.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.jesync.order;

import io.jesync.store.Database;
import io.jesync.store.MigratedStoreTest;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("harness")
class StoreOrderLedgerTest extends MigratedStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String SHOP = "shop-1";
    private static final int CALLERS = 16;


    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00.123456Z"));
    private OrderLedger ledger;
    private Database db;

    private void open(Kind kind) {
        db = openMigrated(kind);
        ledger = new OrderLedger(db, clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void first_claim_creates_the_ledger_row(Kind kind) {
        open(kind);

        Claim claim = ledger.claim(SHOP, "1001", "webshop", "worker-a", LEASE).orElseThrow();

        assertThat(claim.newOrder()).isTrue();
        assertThat(claim.state()).isEqualTo(OrderState.NEW);
        assertThat(claim.entry().row().claimedBy()).isEqualTo("worker-a");
        assertThat(claim.entry().row().claimedUntil()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(claim.entry().row().createdAt()).isEqualTo(clock.instant());
        assertThat(ledger.find(SHOP, "1001")).contains(claim.entry());
        assertThat(ledger.find(SHOP, "1002")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ledger_key_is_unique_per_shop_and_order_number(Kind kind) throws SQLException {
        open(kind);
        insertRaw(SHOP, "1001");
        insertRaw("shop-2", "1001");

        assertThatThrownBy(() -> insertRaw(SHOP, "1001"))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sixteen_callers_racing_to_create_an_order_get_exactly_one_winner(Kind kind) throws Exception {
        open(kind);
        for (int round = 0; round < 5; round++) {
            String orderNo = "race-" + round;

            List<Claim> winners = claimConcurrently(orderNo);

            assertThat(winners).hasSize(1);
            assertThat(winners.get(0).newOrder()).isTrue();
            assertThat(ledger.find(SHOP, orderNo).orElseThrow().row().claimedBy())
                    .isEqualTo(winners.get(0).entry().row().claimedBy());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sixteen_callers_racing_for_an_expired_lease_get_exactly_one_winner(Kind kind) throws Exception {
        open(kind);
        for (int round = 0; round < 5; round++) {
            String orderNo = "expired-" + round;
            ledger.claim(SHOP, orderNo, "webshop", "crashed-worker", LEASE).orElseThrow();
            clock.advance(LEASE);

            List<Claim> winners = claimConcurrently(orderNo);

            assertThat(winners).hasSize(1);
            assertThat(winners.get(0).newOrder()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void expired_lease_can_be_taken_over_and_the_old_holder_loses_its_next_transition(Kind kind) {
        open(kind);
        Claim first = ledger.claim(SHOP, "1001", "webshop", "worker-a", LEASE).orElseThrow();

        clock.advance(LEASE.minusSeconds(1));
        assertThat(ledger.claim(SHOP, "1001", "webshop", "worker-b", LEASE)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        Claim second = ledger.claim(SHOP, "1001", "webshop", "worker-b", LEASE).orElseThrow();

        assertThat(second.newOrder()).isFalse();
        assertThat(second.entry().row().claimedBy()).isEqualTo("worker-b");
        assertThat(second.version()).isGreaterThan(first.version());
        assertThat(ledger.transition(SHOP, "1001", first.version(), OrderState.NEW, OrderState.SENDING,
                LedgerChanges.none())).isEmpty();
        assertThat(ledger.transition(SHOP, "1001", second.version(), OrderState.NEW, OrderState.SENDING,
                LedgerChanges.none())).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void transition_checks_state_and_version_and_sets_only_the_given_fields(Kind kind) {
        open(kind);
        Claim claim = ledger.claim(SHOP, "1001", "webshop", "worker-a", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(3));

        LedgerEntry sending = ledger.transition(SHOP, "1001", claim.version(), OrderState.NEW, OrderState.SENDING,
                LedgerChanges.none()
                        .documentType("draft-invoice")
                        .idempotencyKey("jesync-shop-1-1001")
                        .referencesOther("jesync:shop-1:1001")
                        .payload("{\"lines\":[]}", "abc123")
                        .reason("temporary")
                        .countAttempt()).orElseThrow();

        assertThat(sending.state()).isEqualTo(OrderState.SENDING);
        assertThat(sending.documentType()).isEqualTo("draft-invoice");
        assertThat(sending.payload()).isEqualTo("{\"lines\":[]}");
        assertThat(sending.payloadHash()).isEqualTo("abc123");
        assertThat(sending.row().attempts()).isEqualTo(1);
        assertThat(sending.row().updatedAt()).isEqualTo(clock.instant());
        assertThat(sending.row().version()).isEqualTo(claim.version() + 1);
        assertThat(sending.row().claimedBy()).isEqualTo("worker-a");

        assertThat(ledger.transition(SHOP, "1001", sending.row().version(), OrderState.NEW, OrderState.CREATED,
                LedgerChanges.none())).as("wrong from-state").isEmpty();
        assertThat(ledger.transition(SHOP, "1001", claim.version(), OrderState.SENDING, OrderState.CREATED,
                LedgerChanges.none())).as("stale version").isEmpty();

        LedgerEntry created = ledger.transition(SHOP, "1001", sending.row().version(), OrderState.SENDING,
                OrderState.CREATED, LedgerChanges.none().economicDocumentNumber(4711L).reason(null).releaseClaim())
                .orElseThrow();

        assertThat(created.economicDocumentNumber()).isEqualTo(4711L);
        assertThat(created.economicBookedNumber()).isNull();
        assertThat(created.row().reason()).isNull();
        assertThat(created.documentType()).isEqualTo("draft-invoice");
        assertThat(created.row().claimedBy()).isNull();
        assertThat(created.row().claimedUntil()).isNull();
        assertThat(ledger.claim(SHOP, "1001", "webshop", "worker-b", LEASE)).as("done orders are not retried").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void failed_orders_are_claimable_only_when_a_retry_is_due_and_parked_ones_never(Kind kind) {
        open(kind);
        Claim failing = ledger.claim(SHOP, "fail", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "fail", failing.version(), OrderState.NEW, OrderState.FAILED,
                LedgerChanges.none().reason("HTTP 503").nextAttemptAt(clock.instant().plusSeconds(60)).releaseClaim());
        Claim parking = ledger.claim(SHOP, "park", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "park", parking.version(), OrderState.NEW, OrderState.PARKED,
                LedgerChanges.none().reason("Unknown VAT zone").releaseClaim());

        assertThat(ledger.claim(SHOP, "fail", "webshop", "worker-b", LEASE)).as("retry not yet due").isEmpty();
        clock.advance(Duration.ofSeconds(60));

        assertThat(ledger.claim(SHOP, "fail", "webshop", "worker-b", LEASE))
                .hasValueSatisfying(claim -> assertThat(claim.state()).isEqualTo(OrderState.FAILED));
        assertThat(ledger.claim(SHOP, "park", "webshop", "worker-b", LEASE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sending_order_of_a_crashed_worker_is_handed_over_as_in_doubt(Kind kind) {
        open(kind);
        Claim claim = ledger.claim(SHOP, "1001", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "1001", claim.version(), OrderState.NEW, OrderState.SENDING, LedgerChanges.none());
        clock.advance(LEASE);

        Claim takeover = ledger.claim(SHOP, "1001", "webshop", "worker-b", LEASE).orElseThrow();

        assertThat(takeover.state()).isEqualTo(OrderState.IN_DOUBT);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void events_form_a_timeline_per_order(Kind kind) {
        open(kind);
        OrderEvent received = ledger.appendEvent(SHOP, "1001", "received", "from order poll");
        clock.advance(Duration.ofMillis(1500));
        OrderEvent sent = ledger.appendEvent(SHOP, "1001", "sent", "POST /invoices/drafts", 201, "req-9", 1,
                "{\"draftInvoiceNumber\":4711}");
        ledger.appendEvent(SHOP, "1002", "received", null);

        assertThat(ledger.events(SHOP, "1001")).containsExactly(received, sent);
        assertThat(sent.id()).isGreaterThan(received.id());
        assertThat(ledger.events(SHOP, "nothing")).isEmpty();
    }

    private List<Claim> claimConcurrently(String orderNo) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<Future<Optional<Claim>>> attempts = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                String owner = "worker-" + i;
                attempts.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ledger.claim(SHOP, orderNo, "webshop", owner, LEASE);
                }));
            }
            List<Claim> winners = new ArrayList<>();
            for (Future<Optional<Claim>> attempt : attempts) {
                attempt.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    private void insertRaw(String shopId, String orderNo) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO order_ledger (shop_id, order_no, channel, state, created_at, updated_at)
                     VALUES (?, ?, 'webshop', 'NEW', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")) {
            insert.setString(1, shopId);
            insert.setString(2, orderNo);
            insert.executeUpdate();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void due_lists_retries_and_continuations_but_not_finished_or_parked_orders(Kind kind) {
        open(kind);
        Claim created = ledger.claim(SHOP, "created", "webshop", "worker-a", LEASE).orElseThrow();
        LedgerEntry sending = ledger.transition(SHOP, "created", created.version(), OrderState.NEW, OrderState.SENDING,
                LedgerChanges.none()).orElseThrow();
        ledger.transition(SHOP, "created", sending.row().version(), OrderState.SENDING, OrderState.CREATED,
                LedgerChanges.none().economicDocumentNumber(1L).nextAttemptAt(clock.instant().plus(LEASE))
                        .releaseClaim());
        Claim parked = ledger.claim(SHOP, "parked", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "parked", parked.version(), OrderState.NEW, OrderState.PARKED,
                LedgerChanges.none().reason("bad VAT zone").releaseClaim());
        ledger.claim(SHOP, "held", "webshop", "worker-a", LEASE).orElseThrow();

        assertThat(ledger.due(SHOP, 10)).isEmpty();
        clock.advance(LEASE);

        assertThat(ledger.due(SHOP, 10)).extracting(LedgerEntry::orderNo).containsExactlyInAnyOrder("created", "held");
        assertThat(ledger.claim(SHOP, "created", "webshop", "worker-b", LEASE))
                .as("an unfinished created order is continued by another worker")
                .hasValueSatisfying(claim -> assertThat(claim.state()).isEqualTo(OrderState.CREATED));
        assertThat(ledger.countByState(SHOP)).containsEntry(OrderState.PARKED, 1L).containsEntry(OrderState.CREATED, 1L);
        assertThat(ledger.list(SHOP, OrderState.PARKED, 10)).extracting(LedgerEntry::orderNo).containsExactly("parked");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_operator_requeues_only_parked_or_failed_orders(Kind kind) {
        open(kind);
        Claim parked = ledger.claim(SHOP, "parked", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "parked", parked.version(), OrderState.NEW, OrderState.PARKED,
                LedgerChanges.none().reason("bad VAT zone").payload("{}", "h").releaseClaim());
        ledger.claim(SHOP, "new", "webshop", "worker-a", LEASE).orElseThrow();

        LedgerEntry requeued = ledger.requeue(SHOP, "parked").orElseThrow();

        assertThat(requeued.state()).isEqualTo(OrderState.NEW);
        assertThat(requeued.row().reason()).isNull();
        assertThat(requeued.payload()).as("the earlier intent stays, so the flow knows to look it up").isEqualTo("{}");
        assertThat(ledger.requeue(SHOP, "new")).isEmpty();
        assertThat(ledger.claim(SHOP, "parked", "webshop", "worker-b", LEASE)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_releases_only_the_claims_of_its_own_earlier_life(Kind kind) {
        open(kind);
        ledger.claim(SHOP, "mine", "webshop", "host-a#1", LEASE).orElseThrow();
        ledger.claim(SHOP, "other", "webshop", "host-b#1", LEASE).orElseThrow();
        ledger.claim(SHOP, "prefix", "webshop", "host-a2#1", LEASE).orElseThrow();

        assertThat(ledger.expireClaimsOfEarlierLives("host-a", "host-a#2")).isEqualTo(1);

        assertThat(ledger.claim(SHOP, "mine", "webshop", "host-a#2", LEASE)).isPresent();
        assertThat(ledger.claim(SHOP, "other", "webshop", "host-a#2", LEASE)).isEmpty();
        assertThat(ledger.claim(SHOP, "prefix", "webshop", "host-a#2", LEASE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_makes_the_orders_its_earlier_life_had_sent_but_not_finished_due_at_once(Kind kind) {
        open(kind);
        created(SHOP, "mine", "host-a#1", false);
        created(SHOP, "other", "host-b#1", false);
        created(SHOP, "waiting", "host-a#1", true);
        ledger.claim(SHOP, "unsent", "webshop", "host-a#1", LEASE).orElseThrow();

        assertThat(ledger.resumeSentByEarlierLives("host-a", "host-a#2")).isEqualTo(1);
        ledger.expireClaimsOfEarlierLives("host-a", "host-a#2");

        assertThat(ledger.due(SHOP, 10)).extracting(LedgerEntry::orderNo)
                .as("a retry it scheduled keeps its time; another instance's order waits for its lease")
                .containsExactlyInAnyOrder("mine", "unsent");
        assertThat(ledger.claim(SHOP, "mine", "webshop", "host-a#2", LEASE))
                .hasValueSatisfying(claim -> assertThat(claim.state()).isEqualTo(OrderState.CREATED));
        assertThat(ledger.claim(SHOP, "other", "webshop", "host-a#2", LEASE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void finished_names_only_the_acknowledged_and_skipped_orders_of_the_shop(Kind kind) {
        open(kind);
        created(SHOP, "created", "worker-a", true);
        Claim done = ledger.claim(SHOP, "done", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "done", done.version(), OrderState.NEW, OrderState.ACKNOWLEDGED,
                LedgerChanges.none().releaseClaim()).orElseThrow();
        ledger.claim(SHOP, "skipped", "webshop", "worker-a", LEASE).orElseThrow();
        clock.advance(LEASE);
        ledger.skip(SHOP, "skipped", "not wanted").orElseThrow();
        Claim parked = ledger.claim(SHOP, "parked", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition(SHOP, "parked", parked.version(), OrderState.NEW, OrderState.PARKED,
                LedgerChanges.none().reason("bad VAT zone").releaseClaim()).orElseThrow();
        Claim elsewhere = ledger.claim("shop-2", "other-shop", "webshop", "worker-a", LEASE).orElseThrow();
        ledger.transition("shop-2", "other-shop", elsewhere.version(), OrderState.NEW, OrderState.ACKNOWLEDGED,
                LedgerChanges.none().releaseClaim()).orElseThrow();

        assertThat(ledger.finished(SHOP, List.of("created", "done", "skipped", "parked", "other-shop", "unknown")))
                .containsExactlyInAnyOrder("done", "skipped");
    }

    /** An order whose document exists, due when the lease ends, as the flow leaves it right after the send. */
    private void created(String shopId, String orderNo, String owner, boolean releaseClaim) {
        Claim claim = ledger.claim(shopId, orderNo, "webshop", owner, LEASE).orElseThrow();
        LedgerEntry sending = ledger.transition(shopId, orderNo, claim.version(), OrderState.NEW, OrderState.SENDING,
                LedgerChanges.none()).orElseThrow();
        LedgerChanges changes = LedgerChanges.none().economicDocumentNumber(1L).nextAttemptAt(clock.instant().plus(LEASE));
        ledger.transition(shopId, orderNo, sending.row().version(), OrderState.SENDING, OrderState.CREATED,
                releaseClaim ? changes.releaseClaim() : changes).orElseThrow();
    }
}

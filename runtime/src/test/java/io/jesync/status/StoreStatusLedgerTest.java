package io.jesync.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jesync.order.OrderFlowSettings.DocumentType;
import io.jesync.order.Claim;
import io.jesync.order.LedgerChanges;
import io.jesync.order.OrderLedger;
import io.jesync.order.OrderState;
import io.jesync.store.Database;
import io.jesync.store.MigratedStoreTest;
import io.jesync.testsupport.MutableClock;
import io.jesync.testsupport.TestDatabases.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@Tag("harness")
class StoreStatusLedgerTest extends MigratedStoreTest {
    private static final String SHOP = "se";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int CALLERS = 16;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00.123456Z"));
    private StatusLedger status;
    private OrderLedger orders;

    private void open(Kind kind) {
        Database db = openMigrated(kind);
        status = new StatusLedger(db, clock);
        orders = new OrderLedger(db, clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_event_is_recorded_with_its_actions_and_recording_it_again_changes_nothing(Kind kind) throws Exception {
        open(kind);
        acknowledged("1001", 17L, null);
        StatusEvent sent = new StatusEvent(SHOP, "1001", StatusEventType.ORDER_SENT, 17,
                new ObjectMapper().readTree("{\"notes\":{\"textLine2\":\"TRACK12345\"}}"));

        StatusLedger.RecordedEvent recorded = status.record(sent, earlier -> List.of(
                pending(ActionKind.SET_STATUS, "Delivered"), pending(ActionKind.DELIVERY_NOTE, "17-D1"),
                new PlannedAction(ActionKind.CAPTURE, "17-I1", 1, ActionState.SKIPPED, "not wanted"))).orElseThrow();

        assertThat(recorded.actions()).extracting(StatusActionEntry::action, StatusActionEntry::argument,
                        StatusActionEntry::state, StatusActionEntry::rank, StatusActionEntry::eventType)
                .containsExactly(
                        tuple(ActionKind.SET_STATUS, "Delivered", ActionState.PENDING, 1, StatusEventType.ORDER_SENT),
                        tuple(ActionKind.DELIVERY_NOTE, "17-D1", ActionState.PENDING, 1, StatusEventType.ORDER_SENT),
                        tuple(ActionKind.CAPTURE, "17-I1", ActionState.SKIPPED, 1, StatusEventType.ORDER_SENT));
        assertThat(status.eventDocument(recorded.eventId())).hasValueSatisfying(json -> assertThat(json)
                .contains("TRACK12345"));

        List<List<StatusActionEntry>> planCalls = new ArrayList<>();
        Optional<StatusLedger.RecordedEvent> again = status.record(sent, earlier -> {
            planCalls.add(earlier);
            return List.of(pending(ActionKind.SET_STATUS, "Delivered"));
        });

        assertThat(again).isEmpty();
        assertThat(planCalls).as("a known event is not planned again").isEmpty();
        assertThat(status.actionsOf(SHOP, "1001")).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_planner_sees_the_orders_earlier_actions(Kind kind) {
        open(kind);
        acknowledged("1001", 17L, null);
        status.record(event("1001", StatusEventType.ORDER_SENT, 17), earlier -> List.of(
                pending(ActionKind.CAPTURE, "17-I1")));

        List<List<StatusActionEntry>> seen = new ArrayList<>();
        status.record(event("1001", StatusEventType.INVOICE_BOOKED, 10023), earlier -> {
            seen.add(earlier);
            return List.of();
        });

        assertThat(seen).singleElement().satisfies(earlier -> assertThat(earlier)
                .extracting(StatusActionEntry::action).containsExactly(ActionKind.CAPTURE));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_failed_recording_leaves_neither_the_event_nor_its_actions(Kind kind) {
        open(kind);
        acknowledged("1001", 17L, null);
        StatusEvent sent = event("1001", StatusEventType.ORDER_SENT, 17);

        assertThatThrownBy(() -> status.record(sent, earlier -> {
            throw new IllegalStateException("planner broke");
        })).hasMessage("planner broke");

        assertThat(status.actionsOf(SHOP, "1001")).isEmpty();
        assertThat(status.record(sent, earlier -> List.of(pending(ActionKind.SET_STATUS, "Delivered")))).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_orders_actions_run_in_sequence_and_a_parked_one_does_not_hold_up_the_rest(Kind kind) {
        open(kind);
        acknowledged("1001", 17L, null);
        acknowledged("1002", 18L, null);
        status.record(event("1001", StatusEventType.ORDER_SENT, 17), earlier -> List.of(
                pending(ActionKind.SET_STATUS, "Delivered"), pending(ActionKind.DELIVERY_NOTE, "17-D1")));
        status.record(event("1002", StatusEventType.ORDER_SENT, 18), earlier -> List.of(
                pending(ActionKind.DELIVERY_NOTE, "18-D1")));

        List<StatusActionEntry> due = status.due(SHOP, 100);
        assertThat(due).extracting(StatusActionEntry::orderNo, StatusActionEntry::argument)
                .containsExactly(tuple("1001", "Delivered"), tuple("1002", "18-D1"));

        StatusActionEntry first = status.claim(due.get(0).id(), "worker-a", LEASE).orElseThrow();
        assertThat(status.due(SHOP, 100)).extracting(StatusActionEntry::argument).containsExactly("18-D1");
        StatusActionEntry failed = status.finish(first.id(), first.version(), ActionState.FAILED, "503",
                clock.instant().plusSeconds(30), true).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.claimedBy()).isNull();
        assertThat(status.due(SHOP, 100)).extracting(StatusActionEntry::argument).containsExactly("18-D1");

        clock.advance(Duration.ofSeconds(30));
        StatusActionEntry retried = status.claim(first.id(), "worker-a", LEASE).orElseThrow();
        status.finish(retried.id(), retried.version(), ActionState.PARKED, "refused", null, true).orElseThrow();

        assertThat(status.due(SHOP, 100)).extracting(StatusActionEntry::argument).containsExactly("17-D1", "18-D1");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sixteen_workers_racing_for_one_action_get_exactly_one_winner(Kind kind) throws Exception {
        open(kind);
        acknowledged("1001", 17L, null);
        for (int round = 0; round < 5; round++) {
            long id = status.record(event("1001", StatusEventType.ORDER_SENT, round), earlier -> List.of(
                    pending(ActionKind.SET_STATUS, "Delivered"))).orElseThrow().actions().get(0).id();

            assertThat(claimConcurrently(id)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_expired_lease_is_taken_over_by_one_worker_and_the_old_holder_cannot_finish(Kind kind) throws Exception {
        open(kind);
        acknowledged("1001", 17L, null);
        long id = status.record(event("1001", StatusEventType.ORDER_SENT, 17), earlier -> List.of(
                pending(ActionKind.CAPTURE, "17-I1"))).orElseThrow().actions().get(0).id();
        StatusActionEntry crashed = status.claim(id, "crashed-worker", LEASE).orElseThrow();
        assertThat(status.claim(id, "worker-b", LEASE)).isEmpty();
        assertThat(status.due(SHOP, 100)).isEmpty();

        clock.advance(LEASE);
        List<StatusActionEntry> winners = claimConcurrently(id);

        assertThat(winners).hasSize(1);
        assertThat(status.finish(id, crashed.version(), ActionState.DONE, null, null, true)).isEmpty();
        StatusActionEntry done = status.finish(id, winners.get(0).version(), ActionState.DONE, null, null, true)
                .orElseThrow();
        assertThat(done.state()).isEqualTo(ActionState.DONE);
        assertThat(status.claim(id, "worker-c", LEASE)).as("a finished action is never claimed again").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restart_releases_only_what_its_own_earlier_lives_held(Kind kind) {
        open(kind);
        acknowledged("1001", 17L, null);
        acknowledged("1002", 18L, null);
        long mine = status.record(event("1001", StatusEventType.ORDER_SENT, 17), earlier -> List.of(
                pending(ActionKind.CAPTURE, "17-I1"))).orElseThrow().actions().get(0).id();
        long theirs = status.record(event("1002", StatusEventType.ORDER_SENT, 18), earlier -> List.of(
                pending(ActionKind.CAPTURE, "18-I1"))).orElseThrow().actions().get(0).id();
        assertThat(status.inState(null, ActionState.PENDING, 10)).hasSize(2);
        assertThat(status.inState("other-shop", ActionState.PENDING, 10)).isEmpty();
        status.claim(mine, "host-a#1", LEASE).orElseThrow();
        status.claim(theirs, "host-b#1", LEASE).orElseThrow();

        assertThat(status.expireClaimsOfEarlierLives("host-a", "host-a#2")).isEqualTo(1);

        assertThat(status.claim(mine, "host-a#2", LEASE)).as("the dead life's action resumes at once").isPresent();
        assertThat(status.claim(theirs, "host-a#2", LEASE)).as("another instance may still be working").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tracked_orders_are_the_unfinished_ones_in_economic_with_what_is_known_of_them(Kind kind) {
        open(kind);
        acknowledged("1001", 17L, null);
        acknowledged("1002", 18L, 10022L);
        acknowledged("1003", 19L, null);
        acknowledged("1004", 20L, null);
        orders.claim(SHOP, "1005", "1001", "worker", LEASE).orElseThrow();
        status.record(event("1001", StatusEventType.ORDER_SENT, 17), earlier -> List.of());
        status.record(event("1001", StatusEventType.INVOICE_BOOKED, 10023), earlier -> List.of());
        status.record(event("1001", StatusEventType.INVOICE_PAID, 10023), earlier -> List.of());
        status.record(event("1003", StatusEventType.DOCUMENT_DELETED, 19), earlier -> List.of());
        status.record(event("1004", StatusEventType.CREDIT_NOTE_BOOKED, 10031), earlier -> List.of());

        List<TrackedOrder> tracked = status.trackedOrders(SHOP, clock.instant().minus(Duration.ofDays(1)), 100);

        assertThat(tracked).extracting(TrackedOrder::orderNo).containsExactly("1001", "1002");
        TrackedOrder paid = tracked.get(0);
        assertThat(paid.seen()).isEqualTo(Set.of(StatusEventType.ORDER_SENT, StatusEventType.INVOICE_BOOKED,
                StatusEventType.INVOICE_PAID));
        assertThat(paid.bookedInvoiceNumbers()).containsExactly(10023L);
        assertThat(paid.economicDocumentNumber()).isEqualTo(17L);
        assertThat(paid.documentType()).isEqualTo(DocumentType.DRAFT_INVOICE);
        assertThat(paid.referencesOther()).isEqualTo("jetshop:se:1001");
        assertThat(tracked.get(1).bookedInvoiceNumbers()).containsExactly(10022L);
        assertThat(tracked.get(1).seen()).isEmpty();

        assertThat(status.trackedOrders(SHOP, clock.instant().plusSeconds(1), 100)).as("older than track-days")
                .isEmpty();
        assertThat(status.trackedOrders("other-shop", clock.instant().minus(Duration.ofDays(1)), 100)).isEmpty();
    }

    private void acknowledged(String orderNo, Long documentNumber, Long bookedNumber) {
        Claim claim = orders.claim(SHOP, orderNo, "1001", "worker", LEASE).orElseThrow();
        orders.transition(SHOP, orderNo, claim.version(), OrderState.NEW, OrderState.ACKNOWLEDGED,
                LedgerChanges.none().documentType(DocumentType.DRAFT_INVOICE.key()).economicDocumentNumber(documentNumber)
                        .economicBookedNumber(bookedNumber).referencesOther("jetshop:se:" + orderNo).releaseClaim())
                .orElseThrow();
    }

    private static StatusEvent event(String orderNo, StatusEventType type, long number) {
        return new StatusEvent(SHOP, orderNo, type, number, null);
    }

    private static PlannedAction pending(ActionKind kind, String argument) {
        return new PlannedAction(kind, argument, 1, ActionState.PENDING, null);
    }

    private List<StatusActionEntry> claimConcurrently(long actionId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CyclicBarrier start = new CyclicBarrier(CALLERS);
            List<Future<Optional<StatusActionEntry>>> attempts = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                String owner = "worker-" + i;
                attempts.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return status.claim(actionId, owner, LEASE);
                }));
            }
            List<StatusActionEntry> winners = new ArrayList<>();
            for (Future<Optional<StatusActionEntry>> attempt : attempts) {
                attempt.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }
}

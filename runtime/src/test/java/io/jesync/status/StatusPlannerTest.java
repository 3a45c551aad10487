package io.jesync.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatusPlannerTest {
    private static final StatusFlowSettings SETTINGS = StatusFlowSettings.defaults();
    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void sent_order_is_delivered_with_a_note_and_captured_under_numbers_derived_from_the_erp_order() {
        List<PlannedAction> planned = plan(StatusEventType.ORDER_SENT, List.of());

        assertThat(planned).extracting(PlannedAction::kind, PlannedAction::argument, PlannedAction::rank,
                        PlannedAction::state)
                .containsExactly(
                        tuple(ActionKind.SET_STATUS, "Delivered", 1, ActionState.PENDING),
                        tuple(ActionKind.DELIVERY_NOTE, "4711-D1", 1, ActionState.PENDING),
                        tuple(ActionKind.CAPTURE, "4711-I1", 1, ActionState.PENDING));
    }

    @Test
    void events_mapped_to_nothing_plan_nothing() {
        assertThat(plan(StatusEventType.INVOICE_PAID, List.of())).isEmpty();
        assertThat(plan(StatusEventType.ORDER_ARCHIVED, List.of())).isEmpty();
        assertThat(plan(StatusEventType.CREDIT_NOTE_BOOKED, List.of())).isEmpty();
    }

    @Test
    void capture_happens_once_per_order_whichever_event_asks_for_it() {
        List<ConfiguredAction> captureOnPaid = List.of(ConfiguredAction.setStatus("Invoiced"),
                ConfiguredAction.of(ActionKind.CAPTURE));
        List<StatusActionEntry> earlier = List.of(
                entry(ActionKind.CAPTURE, "4711-I1", ActionState.DONE, StatusEventType.ORDER_SENT));

        List<PlannedAction> planned = StatusPlanner.plan(event(StatusEventType.INVOICE_PAID), captureOnPaid, earlier,
                "4711");

        assertThat(planned).extracting(PlannedAction::kind, PlannedAction::state, PlannedAction::reason)
                .containsExactly(
                        tuple(ActionKind.SET_STATUS, ActionState.PENDING, null),
                        tuple(ActionKind.CAPTURE, ActionState.SKIPPED, "already captured when the order was sent"));
    }

    @Test
    void a_capture_still_open_counts_as_planned() {
        List<StatusActionEntry> earlier = List.of(
                entry(ActionKind.DELIVERY_NOTE, "4711-D1", ActionState.FAILED, StatusEventType.ORDER_SENT));
        List<PlannedAction> planned = StatusPlanner.plan(event(StatusEventType.ORDER_ARCHIVED),
                List.of(ConfiguredAction.of(ActionKind.DELIVERY_NOTE)), earlier, "4711");

        assertThat(planned).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(ActionState.SKIPPED);
            assertThat(p.reason()).isEqualTo("already planned when the order was sent (failed)");
        });
    }

    @Test
    void a_skipped_earlier_action_does_not_count() {
        List<StatusActionEntry> earlier = List.of(
                entry(ActionKind.CAPTURE, "4711-I1", ActionState.SKIPPED, StatusEventType.ORDER_SENT));

        assertThat(plan(StatusEventType.ORDER_SENT, earlier)).extracting(PlannedAction::state)
                .containsOnly(ActionState.PENDING);
    }

    @Test
    void no_capture_or_delivery_after_a_cancellation_and_no_cancellation_after_a_capture() {
        List<StatusActionEntry> cancelled = List.of(
                entry(ActionKind.CANCEL, "", ActionState.DONE, StatusEventType.DOCUMENT_DELETED));
        assertThat(plan(StatusEventType.ORDER_SENT, cancelled)).extracting(PlannedAction::kind, PlannedAction::state,
                        PlannedAction::reason)
                .containsExactly(
                        tuple(ActionKind.SET_STATUS, ActionState.PENDING, null),
                        tuple(ActionKind.DELIVERY_NOTE, ActionState.SKIPPED,
                                "not given a delivery note: the order was cancelled when the document"
                                        + " was deleted"),
                        tuple(ActionKind.CAPTURE, ActionState.SKIPPED,
                                "not captured: the order was cancelled when the document was deleted"));

        List<StatusActionEntry> captured = List.of(
                entry(ActionKind.CAPTURE, "4711-I1", ActionState.DONE, StatusEventType.ORDER_SENT));
        assertThat(plan(StatusEventType.DOCUMENT_DELETED, captured)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ActionKind.CANCEL);
            assertThat(p.state()).isEqualTo(ActionState.SKIPPED);
            assertThat(p.reason()).startsWith("not cancelled: the payment was captured when the order was sent");
        });
    }

    @Test
    void actions_planned_earlier_in_the_same_event_count_too() {
        List<PlannedAction> planned = StatusPlanner.plan(event(StatusEventType.INVOICE_BOOKED), List.of(
                ConfiguredAction.of(ActionKind.CANCEL), ConfiguredAction.of(ActionKind.CAPTURE)), List.of(), "4711");

        assertThat(planned).extracting(PlannedAction::state).containsExactly(ActionState.PENDING,
                ActionState.SKIPPED);
    }

    @Test
    void status_actions_carry_the_event_rank() {
        assertThat(plan(StatusEventType.INVOICE_BOOKED, List.of())).filteredOn(a -> a.kind() == ActionKind.SET_STATUS)
                .singleElement().extracting(PlannedAction::rank).isEqualTo(StatusEventType.INVOICE_BOOKED.rank());
    }

    @Test
    void events_are_described_for_the_timeline() {
        assertThat(StatusPlanner.describe(new StatusEvent("se", "1001", StatusEventType.INVOICE_BOOKED, 10023, null)))
                .isEqualTo("e-conomic: invoice 10023 booked");
        assertThat(StatusPlanner.describe(new StatusEvent("se", "1001", StatusEventType.ORDER_SENT, 17, null)))
                .isEqualTo("e-conomic: order 17 marked sent");
    }

    private static List<PlannedAction> plan(StatusEventType type, List<StatusActionEntry> earlier) {
        return StatusPlanner.plan(event(type), SETTINGS.actionsFor(type), earlier, "4711");
    }

    private static StatusEvent event(StatusEventType type) {
        return new StatusEvent("se", "1001", type, 99, null);
    }

    private static StatusActionEntry entry(ActionKind kind, String argument, ActionState state,
                                           StatusEventType eventType) {
        return new StatusActionEntry(1, 1, "se", "1001", kind, argument, eventType.rank(), state, 0, null,
                null, null, null, AT, AT, 0, eventType, 99);
    }
}

package io.jesync.status;

import java.util.Objects;

/**
 * An action the planner decided on for one event, as it is inserted: PENDING to be carried out, or SKIPPED with
 * the reason a merchant reads in the order's timeline.
 *
 * @param argument the status name, note or invoice number; "" when the kind has none
 * @param rank     the event's rank, which the executor compares before setting a status
 */
public record PlannedAction(ActionKind kind, String argument, int rank, ActionState state, String reason) {

    public PlannedAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(argument, "argument");
        if (state != ActionState.PENDING && state != ActionState.SKIPPED) {
            throw new IllegalArgumentException("a planned action is PENDING or SKIPPED, not " + state);
        }
    }
}

package io.jesync.reversal;

import io.jesync.store.RowChanges;
import io.jesync.store.TransitionChanges;

/** The fields a {@link ReversalLedger#transition} sets besides the state; see {@link TransitionChanges}. */
public final class ReversalChanges extends TransitionChanges<ReversalChanges> {

    private ReversalChanges(RowChanges row) {
        super(row, ReversalChanges::new);
    }

    public static ReversalChanges none() {
        return new ReversalChanges(RowChanges.none());
    }

    public ReversalChanges action(String action) {
        return set("action", action);
    }

    public ReversalChanges economicDraftNumber(Long number) {
        return set("economic_draft_number", number);
    }
}

package io.jesync.store;

/**
 * One ledger row claimed for this worker ({@link ClaimableRows}) on its way through its flow's named steps, carried in
 * the route's exchange: it is finished once a step gives it an outcome, and the later steps pass it over. The order
 * transfer and the reversal each extend it with what their steps find.
 *
 * @param <O> the flow's outcomes
 */
public abstract class ClaimedWork<O> {
    private O outcome;

    protected ClaimedWork(O outcome) {
        this.outcome = outcome;
    }

    /** How the steps left the row; null while it is still on its way. */
    public final O outcome() {
        return outcome;
    }

    public final boolean finished() {
        return outcome != null;
    }

    /** Ends the work with {@code outcome}. */
    public final void finish(O outcome) {
        this.outcome = outcome;
    }

    /** The row the work is about, for logs and traces. */
    protected abstract String subject();

    @Override
    public final String toString() {
        return subject() + (outcome == null ? "" : " " + outcome);
    }
}

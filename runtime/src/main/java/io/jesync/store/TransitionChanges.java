package io.jesync.store;

import java.time.Instant;
import java.util.function.Function;

/**
 * What a ledger's transition sets besides the state, in the ledger's own words: each ledger names its columns in
 * a subclass, this class has the ones all ledgers share. Fields not mentioned keep their value; a field set to
 * {@code null} is cleared. Immutable: each method returns a copy.
 *
 * @param <C> the ledger's own changes, so every method returns that type
 */
public abstract class TransitionChanges<C extends TransitionChanges<C>> {

    private final RowChanges row;
    private final Function<RowChanges, C> kind;

    /** @param kind makes the same kind of changes over another row, so every method returns the ledger's type */
    protected TransitionChanges(RowChanges row, Function<RowChanges, C> kind) {
        this.row = row;
        this.kind = kind;
    }

    private C with(RowChanges changed) {
        return kind.apply(changed);
    }

    protected final C set(String column, String value) {
        return with(row.set(column, value));
    }

    protected final C set(String column, Long value) {
        return with(row.set(column, value));
    }

    /** The booked e-conomic document the row led to (an invoice, a credit note). */
    public C economicBookedNumber(Long number) {
        return set("economic_booked_number", number);
    }

    public C reason(String reason) {
        return set("reason", reason);
    }

    public C nextAttemptAt(Instant when) {
        return with(row.set("next_attempt_at", when));
    }

    /** Adds one to {@code attempts}, for a transition that records a try against a remote system. */
    public C countAttempt() {
        return with(row.countAttempt());
    }

    /** Ends the caller's lease, so the row can be claimed again as soon as it is due. */
    public C releaseClaim() {
        return with(row.releaseClaim());
    }

    public RowChanges row() {
        return row;
    }
}

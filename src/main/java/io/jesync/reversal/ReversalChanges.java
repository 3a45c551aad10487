package io.jesync.reversal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fields a {@link ReversalLedger#transition} sets besides the state, the way {@link LedgerChanges} does for
 * orders: fields not mentioned keep their value, a field set to {@code null} is cleared.
 */
public final class ReversalChanges {

    /** Bind order of the optional columns in {@link ReversalLedger}'s update statement. */
    enum Field {
        ACTION, ECONOMIC_DRAFT_NUMBER, ECONOMIC_BOOKED_NUMBER, REASON, NEXT_ATTEMPT_AT
    }

    private final Map<Field, Object> values;
    private final boolean countAttempt;
    private final boolean releaseClaim;

    private ReversalChanges(Map<Field, Object> values, boolean countAttempt, boolean releaseClaim) {
        this.values = values;
        this.countAttempt = countAttempt;
        this.releaseClaim = releaseClaim;
    }

    public static ReversalChanges none() {
        return new ReversalChanges(new EnumMap<>(Field.class), false, false);
    }

    public ReversalChanges action(String action) {
        return with(Field.ACTION, action);
    }

    public ReversalChanges economicDraftNumber(Long number) {
        return with(Field.ECONOMIC_DRAFT_NUMBER, number);
    }

    public ReversalChanges economicBookedNumber(Long number) {
        return with(Field.ECONOMIC_BOOKED_NUMBER, number);
    }

    public ReversalChanges reason(String reason) {
        return with(Field.REASON, reason);
    }

    public ReversalChanges nextAttemptAt(Instant when) {
        return with(Field.NEXT_ATTEMPT_AT, when);
    }

    public ReversalChanges countAttempt() {
        return new ReversalChanges(values, true, releaseClaim);
    }

    public ReversalChanges releaseClaim() {
        return new ReversalChanges(values, countAttempt, true);
    }

    boolean isSet(Field field) {
        return values.containsKey(field);
    }

    Object value(Field field) {
        return values.get(field);
    }

    boolean countsAttempt() {
        return countAttempt;
    }

    boolean releasesClaim() {
        return releaseClaim;
    }

    private ReversalChanges with(Field field, Object value) {
        Map<Field, Object> copy = new EnumMap<>(Field.class);
        copy.putAll(values);
        copy.put(field, value);
        return new ReversalChanges(copy, countAttempt, releaseClaim);
    }
}

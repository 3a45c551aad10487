package io.jesync.order;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fields a {@link OrderLedger#transition} sets besides the state. Fields not mentioned keep
 * their value; a field set to {@code null} is cleared. Immutable: each method returns a copy.
 */
public final class LedgerChanges {

    /** Bind order of the optional columns in {@link OrderLedger}'s update statement. */
    enum Field {
        DOCUMENT_TYPE, ECONOMIC_DOCUMENT_NUMBER, ECONOMIC_BOOKED_NUMBER, IDEMPOTENCY_KEY, REFERENCES_OTHER,
        PAYLOAD, PAYLOAD_HASH, REASON, NEXT_ATTEMPT_AT, PLATFORM_ORDER_ID, SHOP_ORDER, REASON_CODE
    }

    private final Map<Field, Object> values;
    private final boolean countAttempt;
    private final boolean releaseClaim;

    private LedgerChanges(Map<Field, Object> values, boolean countAttempt, boolean releaseClaim) {
        this.values = values;
        this.countAttempt = countAttempt;
        this.releaseClaim = releaseClaim;
    }

    public static LedgerChanges none() {
        return new LedgerChanges(new EnumMap<>(Field.class), false, false);
    }

    public LedgerChanges documentType(String documentType) {
        return with(Field.DOCUMENT_TYPE, documentType);
    }

    public LedgerChanges economicDocumentNumber(Long number) {
        return with(Field.ECONOMIC_DOCUMENT_NUMBER, number);
    }

    public LedgerChanges economicBookedNumber(Long number) {
        return with(Field.ECONOMIC_BOOKED_NUMBER, number);
    }

    public LedgerChanges idempotencyKey(String key) {
        return with(Field.IDEMPOTENCY_KEY, key);
    }

    public LedgerChanges referencesOther(String reference) {
        return with(Field.REFERENCES_OTHER, reference);
    }

    public LedgerChanges payload(String payload, String payloadHash) {
        return with(Field.PAYLOAD, payload).with(Field.PAYLOAD_HASH, payloadHash);
    }

    /** A new reason clears the code of the one before; {@link #reasonCode} gives the new one its code. */
    public LedgerChanges reason(String reason) {
        return with(Field.REASON, reason).with(Field.REASON_CODE, null);
    }

    /** The reason's code (a park reason's, e.g. {@code MISSING_EMAIL}), which the console groups by. */
    public LedgerChanges reasonCode(String code) {
        return with(Field.REASON_CODE, code);
    }

    public LedgerChanges nextAttemptAt(Instant when) {
        return with(Field.NEXT_ATTEMPT_AT, when);
    }

    /** The shop's own id of the order and the order as read from the shop (JSON). */
    public LedgerChanges shopOrder(Long platformOrderId, String shopOrderJson) {
        return with(Field.PLATFORM_ORDER_ID, platformOrderId).with(Field.SHOP_ORDER, shopOrderJson);
    }

    /** Adds one to {@code attempts}, for a transition that records a try against e-conomic. */
    public LedgerChanges countAttempt() {
        return new LedgerChanges(values, true, releaseClaim);
    }

    /** Ends the caller's lease, so the order can be claimed again as soon as it is due. */
    public LedgerChanges releaseClaim() {
        return new LedgerChanges(values, countAttempt, true);
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

    private LedgerChanges with(Field field, Object value) {
        Map<Field, Object> copy = new EnumMap<>(Field.class);
        copy.putAll(values);
        copy.put(field, value);
        return new LedgerChanges(copy, countAttempt, releaseClaim);
    }
}
